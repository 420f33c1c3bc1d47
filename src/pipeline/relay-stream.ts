import { estimateTokenCounts } from '../core/estimate-tokens.js';
import type { StreamPart } from '../core/canonical/stream-part.js';
import type { FinishReason } from '../core/canonical/finish-reason.js';
import type { TokenCounts } from '../core/canonical/usage.js';
import { convertOpenAIUsage } from '../protocols/openai-chat/convert-openai-usage.js';
import { mapOpenAIFinishReason } from '../protocols/openai-chat/map-openai-finish-reason.js';
import { createChunkStamp, rewriteOpenAIChunk, type ChunkStamp } from '../protocols/openai-chat/rewrite-openai-chunk.js';
import { streamedError } from '../protocols/openai-chat/openai-chat-adapter.js';
import { invalidResponse } from '../protocols/shared/invalid-response.js';
import type { Provider } from '../core/provider-types.js';
import type { SseEvent } from '../core/sse-event.js';
import type { DispatchOutcome } from './dispatch-with-failover.js';
import type { InferenceContext } from './inference-context.js';
import type { SseSink, StreamEncoder } from '../core/sse-sink.js';

type StreamOutcome = Extract<DispatchOutcome, { kind: 'stream' }>;

/**
 * Relays an upstream stream to the client. OpenAI-framed upstreams going to an OpenAI-chat
 * client take the fast path: frames are restamped by string splicing and only frames that
 * carry a finish reason, usage or an error are parsed. Everything else goes through the
 * canonical StreamParts and the client's encoder. Usage is held back: the settle stage prices
 * it and the deliver stage sends it, once, in the final chunk.
 */
export async function relayStream(options: {
  ctx: InferenceContext;
  outcome: StreamOutcome;
  sink: SseSink;
  encoder: StreamEncoder;
}): Promise<void> {
  const { ctx, outcome, sink, encoder } = options;
  const provider = (ctx.served as NonNullable<InferenceContext['served']>).endpoint.provider;
  const fast = outcome.adapter.relaysOpenAIFrames && encoder.relaysOpenAIFrames;
  const stamp = createChunkStamp({ generationId: ctx.generationId, model: ctx.served!.model.model.id, providerName: provider.name });
  const decoder = outcome.adapter.createStreamDecoder(provider);
  const tally = new StreamTally();

  const handle = async (event: SseEvent): Promise<boolean> => {
    if (fast) {
      if (event.data === '[DONE]') return true;
      const payload = relayOpenAIFrame(event.data, { stamp, tally, provider });
      if (payload !== undefined) await sink.send(payload);
      return false;
    }
    const { parts, done } = decoder.decode(event);
    tally.addParts(parts);
    for (const payload of encoder.encodeParts(parts)) await sink.send(payload);
    return done;
  };

  let done = await handle(outcome.first);
  if (!done) {
    for await (const event of outcome.rest) {
      if (sink.closed) break;
      if (await handle(event)) {
        done = true;
        break;
      }
    }
  }
  await outcome.rest.return(undefined);
  if (!done && !fast && !sink.closed) decoder.end?.();
  ctx.upstreamId = tally.upstreamId;
  ctx.finishReason = tally.finishReason;
  ctx.nativeFinishReason = tally.nativeFinishReason;
  ctx.tokens = tally.tokens ?? estimateTokenCounts({ request: ctx.request, completionText: tally.streamedText() });
}

/**
 * Fast path for one OpenAI chunk: returns the payload to forward, or undefined when the
 * chunk only carried usage (held back for the final, priced usage chunk).
 */
function relayOpenAIFrame(data: string, context: { stamp: ChunkStamp; tally: StreamTally; provider: Provider }): string | undefined {
  const { stamp, tally } = context;
  const needsParse =
    data.includes('"finish_reason":"') || data.includes('"usage":{') || data.includes('"error":') || data.includes('"reasoning_content"');
  if (!needsParse) {
    const rewritten = rewriteOpenAIChunk(data, stamp);
    if (rewritten !== undefined) {
      tally.retain(data);
      return rewritten;
    }
  }
  let chunk: Record<string, unknown>;
  try {
    chunk = JSON.parse(data) as Record<string, unknown>;
  } catch {
    throw invalidResponse(context.provider.name, 'stream chunk is not valid JSON', data);
  }
  if (chunk.error) throw streamedError(chunk.error, context.provider);
  // `||`: Azure's first chunk (prompt filter results) has `id: ""`; the next one has the real id.
  tally.upstreamId ||= typeof chunk.id === 'string' && chunk.id ? chunk.id : null;
  const tokens = convertOpenAIUsage(chunk.usage);
  if (tokens) tally.tokens = tokens;
  const choices = Array.isArray(chunk.choices) ? (chunk.choices as Array<Record<string, unknown>>) : [];
  if (choices.length === 0) return undefined;
  for (const choice of choices) {
    const delta = choice.delta as Record<string, unknown> | undefined;
    if (delta && typeof delta.reasoning_content === 'string') {
      delta.reasoning ??= delta.reasoning_content;
      delete delta.reasoning_content;
    }
    if (typeof choice.finish_reason === 'string') {
      choice.native_finish_reason ??= choice.finish_reason;
      choice.finish_reason = mapOpenAIFinishReason(choice.finish_reason);
      tally.finishReason = choice.finish_reason as StreamTally['finishReason'];
      tally.nativeFinishReason = choice.native_finish_reason as string;
    }
  }
  tally.retain(data);
  const { usage: _usage, id: _id, model: _model, provider: upstreamProvider, ...rest } = chunk;
  if (rest.system_fingerprint === null) delete rest.system_fingerprint;
  return JSON.stringify({ id: stamp.generationId, provider: upstreamProvider ?? stamp.providerName, model: stamp.model, ...rest });
}

/** What the relay learns about a stream as it passes: ids, finish, usage, text for estimates. */
class StreamTally {
  upstreamId: string | null = null;
  finishReason: FinishReason | null = null;
  nativeFinishReason: string | null = null;
  tokens: TokenCounts | undefined;
  readonly #frames: string[] = [];
  #text = '';

  retain(frame: string): void {
    if (!this.tokens) this.#frames.push(frame);
  }

  addParts(parts: StreamPart[]): void {
    for (const part of parts) {
      if (part.type === 'response-start') this.upstreamId = part.upstreamId;
      else if (part.type === 'text-delta' || part.type === 'reasoning-delta') this.#text += part.text;
      else if (part.type === 'tool-call-delta') this.#text += part.argumentsDelta;
      else if (part.type === 'finish') {
        this.finishReason = part.finishReason;
        this.nativeFinishReason = part.nativeFinishReason;
      } else if (part.type === 'usage') this.tokens = part.tokens;
    }
  }

  /** The text streamed so far; only assembled when the upstream sent no usage. */
  streamedText(): string {
    let text = this.#text;
    for (const frame of this.#frames) {
      try {
        const chunk = JSON.parse(frame) as { choices?: Array<{ delta?: { content?: string; reasoning?: string; tool_calls?: Array<{ function?: { arguments?: string } }> } }> };
        for (const choice of chunk.choices ?? []) {
          text += (choice.delta?.content ?? '') + (choice.delta?.reasoning ?? '');
          for (const call of choice.delta?.tool_calls ?? []) text += call.function?.arguments ?? '';
        }
      } catch {
        // A frame we could not parse was already rejected upstream of here.
      }
    }
    return text;
  }
}
