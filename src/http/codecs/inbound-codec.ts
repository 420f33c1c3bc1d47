import type { InferenceCodec, InferenceContext } from '../../pipeline/inference-context.js';
import type { SseFraming } from '../socket-sse-sink.js';
import type { ErrorReply } from '../to-error-reply.js';

/**
 * One inbound dialect: the pipeline's InferenceCodec (decode the body into the canonical request,
 * encode results back) plus what only HTTP needs: its error envelope and SSE framing.
 */
export interface InboundCodec extends InferenceCodec {
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
