import type { SseFraming } from '../../socket-sse-sink.js';
import type { InboundCodec } from '../inbound-codec.js';
import { encodeResponsesObject } from './encode-responses-object.js';
import { parseWithSchema } from '../parse-with-schema.js';
import { responsesRequestSchema } from './responses-request-schema.js';
import { ResponsesStreamEncoder } from './responses-stream-encoder.js';
import { toCanonicalChatRequest, type ResponsesRequest } from './to-canonical-chat-request.js';

const EVENT_TYPE = /^\{"type":"([a-z_.]+)"/;

/**
 * OpenAI's Responses framing: `event: <type>` named from the payload's leading `type` (one event per line
 * of a payload), no `[DONE]` (the terminal response event ends the stream), and keep-alives only as SSE
 * comments: the `openai` SDK's `responses.stream()` throws on any event type it does not know.
 */
export const RESPONSES_SSE_FRAMING: SseFraming = {
  frame(payload) {
    if (payload === '[DONE]') return '';
    let frames = '';
    for (const line of payload.split('\n')) frames += `event: ${EVENT_TYPE.exec(line)?.[1] ?? 'message'}\ndata: ${line}\n\n`;
    return frames;
  },
  keepalive: ': OPENROUTER PROCESSING\n\n',
};

/**
 * The OpenAI Responses API skin (`POST /api/v1/responses`), stateless as on OpenRouter: the request is
 * decoded into the canonical chat request (so routing, billing, guardrails, privacy and cache apply as
 * for chat), the result encoded as a `response` object or the Responses event stream. The response id is
 * the generation id (also in `X-Generation-Id`). Errors use OpenRouter's `{"error":{…}}` envelope.
 * @see https://openrouter.ai/docs/api-reference/responses-api/overview
 */
export const responsesCodec: InboundCodec = {
  apiType: 'chat',

  parseRequest: (body) => toCanonicalChatRequest(parseWithSchema(responsesRequestSchema, body) as ResponsesRequest),

  encodeResult({ ctx, result, usage }) {
    const choice = result.choices[0] ?? { index: 0, message: { role: 'assistant', content: null }, finishReason: null, nativeFinishReason: null };
    return encodeResponsesObject({
      id: ctx.generationId,
      model: ctx.served?.model.model.id ?? ctx.request.model ?? null,
      createdAtMs: ctx.startedAt,
      choice,
      usage,
      metadata: ctx.request.metadata,
    });
  },

  createStreamEncoder: (ctx) => new ResponsesStreamEncoder(ctx),
  sseFraming: RESPONSES_SSE_FRAMING,
};
