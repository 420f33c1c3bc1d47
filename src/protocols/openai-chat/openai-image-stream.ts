import type { StreamPart } from '../../core/canonical/stream-part.js';
import type { Provider } from '../../core/provider-types.js';
import type { SseEvent } from '../../core/sse-event.js';
import { invalidResponse } from '../shared/invalid-response.js';
import type { StreamDecoder } from '../wire-adapter.js';
import { streamedError } from './openai-chat-adapter.js';
import { readImageCall, readImageFinish, readImageUsage, type OpenAIImageResponse } from './read-openai-image-output.js';

/**
 * Decodes a Responses API stream answering an image request: `response.created` starts it,
 * `response.output_text.delta` events are text, each finished `image_generation_call`
 * (`response.output_item.done`) is one whole image (partial previews are not relayed), and the
 * terminal `response.completed` / `response.incomplete` / `response.failed` carries the finish
 * and usage. `error` events and failed responses become upstream errors.
 */
export function createOpenAIImageStreamDecoder(provider: Provider): StreamDecoder {
  let started = false;
  let finished = false;
  return {
    decode(event: SseEvent) {
      let data: { type?: string; delta?: unknown; item?: Record<string, unknown>; response?: OpenAIImageResponse; message?: string; code?: string };
      try {
        data = JSON.parse(event.data) as typeof data;
      } catch {
        throw invalidResponse(provider.name, 'stream event is not valid JSON', event.data);
      }
      const parts: StreamPart[] = [];
      if (!started) {
        started = true;
        parts.push({ type: 'response-start', upstreamId: typeof data.response?.id === 'string' ? data.response.id : null });
      }
      switch (data.type) {
        case 'response.output_text.delta':
          if (typeof data.delta === 'string' && data.delta) parts.push({ type: 'text-delta', choice: 0, text: data.delta });
          break;
        case 'response.output_item.done': {
          const image = data.item ? readImageCall(data.item) : undefined;
          if (image) parts.push({ type: 'image', choice: 0, image });
          break;
        }
        case 'error':
          throw streamedError({ code: 502, message: data.message ?? data.code ?? 'Provider returned error' }, provider);
        case 'response.failed':
          throw streamedError({ code: 502, message: data.response?.error?.message ?? 'Provider returned error' }, provider);
        case 'response.completed':
        case 'response.incomplete': {
          const response = data.response ?? {};
          const { finishReason, native } = readImageFinish(response);
          parts.push({ type: 'finish', choice: 0, finishReason, nativeFinishReason: native });
          const tokens = readImageUsage(response);
          if (tokens) parts.push({ type: 'usage', tokens });
          finished = true;
          return { parts, done: true };
        }
      }
      return { parts, done: false };
    },
    end() {
      if (!finished) throw invalidResponse(provider.name, 'the stream ended before response.completed', '');
    },
  };
}
