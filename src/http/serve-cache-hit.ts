import type { FastifyReply } from 'fastify';
import type { CacheTicket } from '../cache/response-cache.js';
import { replayCachedResponse } from '../cache/replay-cached-response.js';
import type { CachedResponse } from '../cache/response-cache-store.js';
import type { FinishReason } from '../core/canonical/finish-reason.js';
import type { InferenceContext } from '../pipeline/inference-context.js';
import { SocketSseSink, type SseFraming } from './socket-sse-sink.js';

/**
 * Answers a request from the response cache: the cached body with a fresh generation id and
 * zeroed usage, as JSON or replayed as SSE chunks. No upstream call, no cost.
 */
export async function serveCacheHit(options: {
  ctx: InferenceContext;
  entry: CachedResponse;
  ticket: CacheTicket;
  reply: FastifyReply;
  headers: Record<string, string>;
  keepaliveMs: number;
  /** The inbound dialect's SSE framing (Anthropic's named events); OpenRouter's when omitted. */
  framing?: SseFraming;
}): Promise<void> {
  const { ctx, entry, reply } = options;
  ctx.cacheHit = { sourceId: entry.sourceId, model: entry.model, providerName: entry.providerName };
  ctx.finishReason = entry.finishReason as FinishReason | null;
  ctx.firstByteAt = Date.now();
  const headers = { ...options.headers, ...options.ticket.hitHeaders(entry) };
  const body = replayCachedResponse(entry, { generationId: ctx.generationId, now: Date.now() });
  if (body.kind === 'json') {
    const raw = reply.raw;
    if (raw.writableEnded || raw.destroyed) return;
    raw.writeHead(200, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body.text) });
    raw.end(body.text);
    return;
  }
  const sink = new SocketSseSink(reply.raw, { keepaliveMs: options.keepaliveMs, headers, framing: options.framing });
  for (const payload of body.payloads) {
    if (sink.closed) break;
    await sink.send(payload);
  }
  await sink.send('[DONE]');
  sink.end();
}
