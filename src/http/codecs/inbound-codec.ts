import type { ChatRequest } from '../../core/canonical/chat-request.js';
import type { ChatResult } from '../../core/canonical/chat-response.js';
import type { Usage } from '../../core/canonical/usage.js';
import type { ApiType, InferenceContext } from '../../pipeline/inference-context.js';
import type { StreamEncoder } from '../../core/sse-sink.js';
import type { SseFraming } from '../socket-sse-sink.js';
import type { ErrorReply } from '../to-error-reply.js';

/** One inbound dialect: parses its body into the canonical request and encodes results back. */
export interface InboundCodec {
  apiType: ApiType;
  parseRequest(body: unknown): ChatRequest;
  encodeResult(options: { ctx: InferenceContext; result: ChatResult; usage: Usage }): unknown;
  createStreamEncoder(ctx: InferenceContext): StreamEncoder;
  /** The error body in this dialect's envelope; OpenRouter's `{"error":{…}}` when omitted. */
  encodeError?(reply: ErrorReply): unknown;
  /** SSE framing and keep-alive; OpenRouter's when omitted. */
  sseFraming?: SseFraming;
}

/** The fields every response object and chunk starts with. */
export function responseHeader(ctx: InferenceContext, object: string): Record<string, unknown> {
  const served = ctx.served;
  return {
    id: ctx.generationId,
    provider: served?.endpoint.provider.name ?? null,
    model: served?.model.model.id ?? ctx.request.model ?? null,
    object,
    created: Math.floor(ctx.startedAt / 1000),
  };
}
