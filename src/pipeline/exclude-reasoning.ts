import type { ChatRequest } from '../core/canonical/chat-request.js';
import type { ChatResult } from '../core/canonical/chat-response.js';
import type { StreamEncoder } from '../core/sse-sink.js';

/**
 * `reasoning.exclude: true` (or the legacy `include_reasoning: false`): the model may still
 * reason, and its reasoning tokens are billed, but none of it is returned. Applied to every
 * upstream's output here, since only some wires can be told not to send it.
 */
export function excludesReasoning(request: ChatRequest): boolean {
  return request.reasoning?.exclude === true || request.include_reasoning === false;
}

/** Drops reasoning from a whole result's messages. */
export function stripResultReasoning(result: ChatResult): void {
  for (const { message } of result.choices) {
    delete message.reasoning;
    delete message.reasoning_details;
  }
}

/** An encoder that never emits reasoning; it leaves the byte fast path, whose frames carry it inline. */
export function withoutStreamReasoning(encoder: StreamEncoder): StreamEncoder {
  return {
    relaysOpenAIFrames: false,
    donePayload: encoder.donePayload,
    encodeParts: (parts) => encoder.encodeParts(parts.filter((part) => part.type !== 'reasoning-delta')),
    encodeUsage: (usage) => encoder.encodeUsage(usage),
    encodeError: (error) => encoder.encodeError(error),
  };
}
