import type { FinishReason } from '../../core/canonical/finish-reason.js';
import type { TokenCounts } from '../../core/canonical/usage.js';
import type { Provider } from '../../core/provider-types.js';
import { invalidResponse } from '../shared/invalid-response.js';
import { convertOpenAIUsage } from './convert-openai-usage.js';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.js';
import { streamedError } from './openai-chat-adapter.js';
import { rewriteOpenAIChunk, type ChunkStamp } from './rewrite-openai-chunk.js';

/** What the fast path records about a stream as frames pass (the relay's tally implements it). */
export interface OpenAIFrameTally {
  upstreamId: string | null;
  finishReason: FinishReason | null;
  nativeFinishReason: string | null;
  tokens: TokenCounts | undefined;
  /** Keeps a relayed frame, for counting its text when the upstream reports no usage. */
  retain(frame: string): void;
}

/**
 * A chunk with a finish reason, usage, an error or DeepSeek's `reasoning_content` is parsed; the
 * rest are restamped as text. One pass of one pattern (four `includes` cost four times as much).
 * The keys are matched without their opening quote, so a longer key that ends the same way
 * (`native_finish_reason`) also parses, which is merely slower; a key's closing quote cannot
 * occur unescaped inside a JSON string, so content never matches.
 */
const NEEDS_PARSE = /finish_reason":"|usage":\{|error":|reasoning_content"/;

/**
 * Fast path for one OpenAI chunk: returns the payload to forward, or undefined when the
 * chunk only carried usage (held back for the final, priced usage chunk).
 */
export function relayOpenAIFrame(data: string, context: { stamp: ChunkStamp; tally: OpenAIFrameTally; provider: Provider }): string | undefined {
  const { stamp, tally } = context;
  if (!NEEDS_PARSE.test(data)) {
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
      tally.finishReason = choice.finish_reason as FinishReason;
      tally.nativeFinishReason = choice.native_finish_reason as string;
    }
  }
  tally.retain(data);
  const { usage: _usage, id: _id, model: _model, provider: upstreamProvider, ...rest } = chunk;
  if (rest.system_fingerprint === null) delete rest.system_fingerprint;
  return JSON.stringify({ id: stamp.generationId, provider: upstreamProvider ?? stamp.providerName, model: stamp.model, ...rest });
}

/** The text in relayed OpenAI frames (content, reasoning, tool arguments), for counting tokens ourselves. */
export function readOpenAIFramesText(frames: readonly string[]): string {
  let text = '';
  for (const frame of frames) {
    try {
      const chunk = JSON.parse(frame) as { choices?: Array<{ delta?: { content?: string; reasoning?: string; tool_calls?: Array<{ function?: { arguments?: string } }> } }> };
      for (const choice of chunk.choices ?? []) {
        text += (choice.delta?.content ?? '') + (choice.delta?.reasoning ?? '');
        for (const call of choice.delta?.tool_calls ?? []) text += call.function?.arguments ?? '';
      }
    } catch {
      // A frame we could not parse was already rejected by relayOpenAIFrame.
    }
  }
  return text;
}
