import type { GeneratedImage } from '../../core/canonical/generated-image.js';
import type { StreamPart } from '../../core/canonical/stream-part.js';
import { convertOpenAIUsage } from './convert-openai-usage.js';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.js';

interface ChunkChoice {
  index?: number;
  delta?: {
    content?: string | null;
    reasoning?: string | null;
    reasoning_content?: string | null;
    reasoning_details?: unknown[];
    tool_calls?: Array<{ index?: number; id?: string; function?: { name?: string; arguments?: string } }>;
    /** Generated images (OpenRouter-compatible upstreams), each whole in one chunk. */
    images?: GeneratedImage[];
  };
  finish_reason?: string | null;
}

/**
 * Converts parsed OpenAI-compatible stream chunks into canonical StreamParts (the slow path,
 * used when the inbound dialect differs or something must look inside the stream).
 * Tool-call argument deltas are emitted one for one, in arrival order.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 */
export class OpenAIChatStreamDecoder {
  #started = false;
  readonly #openTools = new Set<string>();

  decode(chunk: Record<string, unknown>): StreamPart[] {
    const parts: StreamPart[] = [];
    if (!this.#started) {
      this.#started = true;
      parts.push({ type: 'response-start', upstreamId: typeof chunk.id === 'string' ? chunk.id : null });
    }
    const choices = Array.isArray(chunk.choices) ? (chunk.choices as ChunkChoice[]) : [];
    for (const choice of choices) {
      const index = choice.index ?? 0;
      const delta = choice.delta ?? {};
      const reasoning = delta.reasoning ?? delta.reasoning_content;
      if (reasoning || delta.reasoning_details?.length) {
        parts.push({ type: 'reasoning-delta', choice: index, text: reasoning ?? '', details: delta.reasoning_details });
      }
      if (delta.content) parts.push({ type: 'text-delta', choice: index, text: delta.content });
      for (const image of Array.isArray(delta.images) ? delta.images : []) {
        if (typeof image?.image_url?.url === 'string') parts.push({ type: 'image', choice: index, image: { type: 'image_url', image_url: { url: image.image_url.url } } });
      }
      for (const call of delta.tool_calls ?? []) {
        const toolIndex = call.index ?? 0;
        const key = `${index}:${toolIndex}`;
        if (!this.#openTools.has(key) && (call.id || call.function?.name)) {
          this.#openTools.add(key);
          parts.push({ type: 'tool-call-start', choice: index, index: toolIndex, id: call.id ?? `call_${toolIndex}`, name: call.function?.name ?? '' });
        }
        if (call.function?.arguments) {
          parts.push({ type: 'tool-call-delta', choice: index, index: toolIndex, argumentsDelta: call.function.arguments });
        }
      }
      if (choice.finish_reason) {
        parts.push({ type: 'finish', choice: index, finishReason: mapOpenAIFinishReason(choice.finish_reason), nativeFinishReason: choice.finish_reason });
      }
    }
    const tokens = convertOpenAIUsage(chunk.usage);
    if (tokens) parts.push({ type: 'usage', tokens });
    return parts;
  }
}
