import type { InferenceContext } from '../../../pipeline/inference-context.js';
import type { SseFraming } from '../../socket-sse-sink.js';
import type { InboundCodec } from '../inbound-codec.js';
import { parseWithSchema } from '../parse-with-schema.js';
import { toAnthropicErrorBody } from './anthropic-error-body.js';
import { anthropicMessagesSchema } from './anthropic-request-schema.js';
import { anthropicEvent, AnthropicStreamEncoder } from './anthropic-stream-encoder.js';
import { toAnthropicContent } from './encode-anthropic-message.js';
import { toAnthropicStopReason } from '../../../protocols/anthropic-messages/map-anthropic-finish-reason.js';
import { toAnthropicUsage } from '../../../protocols/anthropic-messages/convert-anthropic-usage.js';
import { toCanonicalChatRequest } from './to-canonical-chat-request.js';

const EVENT_TYPE = /^\{"type":"([a-z_]+)"/;

/**
 * Anthropic's named events: `event: <type>` from the payload's leading `type` (one event per
 * line of a payload), `ping` keep-alives, and no `[DONE]` (message_stop ends the stream).
 */
export const ANTHROPIC_SSE_FRAMING: SseFraming = {
  frame(payload) {
    if (payload === '[DONE]') return '';
    let frames = '';
    for (const line of payload.split('\n')) frames += `event: ${EVENT_TYPE.exec(line)?.[1] ?? 'message'}\ndata: ${line}\n\n`;
    return frames;
  },
  keepalive: `event: ping\ndata: ${anthropicEvent('ping')}\n\n`,
};

/**
 * The Anthropic Messages skin (`POST /api/v1/messages`): Anthropic's request in, a `message`
 * object or Anthropic's event stream out, errors in Anthropic's envelope. The id is the
 * generation id (also in `X-Generation-Id`), `model` the catalog model that answered.
 * Streams always go through canonical StreamParts (never the OpenAI fast path).
 * @see https://docs.anthropic.com/en/api/messages
 */
export const anthropicMessagesCodec: InboundCodec = {
  apiType: 'chat',

  parseRequest: (body, headers) => toCanonicalChatRequest(parseWithSchema(anthropicMessagesSchema, body), headers),

  encodeResult({ ctx, result, usage }) {
    const choice = result.choices[0];
    const extraStop = result.extra.stop_sequence;
    return {
      id: ctx.generationId,
      type: 'message',
      role: 'assistant',
      model: modelOf(ctx),
      content: choice ? toAnthropicContent(choice.message) : [],
      stop_reason: toAnthropicStopReason(choice?.finishReason ?? null, choice?.nativeFinishReason ?? null),
      stop_sequence: typeof extraStop === 'string' ? extraStop : null,
      usage: toAnthropicUsage(ctx.tokens, usage),
    };
  },

  createStreamEncoder: (ctx) => new AnthropicStreamEncoder(ctx),
  encodeError: toAnthropicErrorBody,
  sseFraming: ANTHROPIC_SSE_FRAMING,
};

function modelOf(ctx: InferenceContext): string | null {
  return ctx.served?.model.model.id ?? ctx.request.model ?? null;
}
