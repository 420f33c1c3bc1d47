import type { StreamEncoder } from '../core/sse-sink.js';
import type { InferenceContext } from './inference-context.js';

/**
 * OpenRouter's opt-in `openrouter_metadata` (request header `X-OpenRouter-Metadata: enabled`):
 * what was requested, the routing strategy, every endpoint considered (in attempt order,
 * with `selected` on the one that answered), those excluded and why, and every attempt.
 * @see reference/openrouter-api.md §3.4
 */
export function buildRouterMetadata(ctx: InferenceContext): Record<string, unknown> {
  const { report, auto } = ctx.routing;
  const served = ctx.served;
  const requested = [ctx.request.model, ...(ctx.request.models ?? [])].filter((id): id is string => typeof id === 'string' && id !== '');
  const available = (report?.considered ?? []).map((entry) => ({
    provider: entry.provider,
    model: entry.model,
    selected: served !== undefined && served.endpoint.provider.id === entry.provider && served.model.model.id === entry.model,
    ...(entry.stable ? {} : { unstable: true }),
    ...(entry.misses ? { misses: entry.misses } : {}),
  }));
  const strategy = auto ? 'auto' : requested.length > 1 ? 'fallback' : 'direct';
  return {
    requested: requested.length === 1 ? requested[0] : requested,
    strategy,
    routing: report?.strategy ?? null,
    summary: served
      ? `${served.model.model.id} via ${served.endpoint.provider.name} after ${ctx.attempts.length} attempt(s)`
      : `no endpoint answered after ${ctx.attempts.length} attempt(s)`,
    attempt: ctx.attempts.length,
    is_byok: false,
    endpoints: { total: available.length + (report?.excluded.length ?? 0), available, excluded: report?.excluded ?? [] },
    attempts: ctx.attempts.map((attempt) => ({ provider: attempt.provider, model: attempt.model, status: attempt.status, latency: attempt.latencyMs })),
    ...(auto ? { pipeline: [{ type: 'router', name: 'auto-router', data: { task_type: auto.taskType, difficulty: auto.difficulty, tier: auto.tier, model: auto.model, reason: auto.reason, fallbacks: auto.fallbacks } }] } : {}),
  };
}

/** Adds `openrouter_metadata` at the top level of a response or error body when the client asked for it. */
export function withRouterMetadata<T>(ctx: InferenceContext, body: T): T {
  if (!ctx.routing.explain || body === null || typeof body !== 'object') return body;
  return { ...body, openrouter_metadata: buildRouterMetadata(ctx) };
}

/** Wraps a stream encoder so the final usage chunk carries `openrouter_metadata` when asked for. */
export function withStreamRouterMetadata(ctx: InferenceContext, encoder: StreamEncoder): StreamEncoder {
  if (!ctx.routing.explain) return encoder;
  return {
    relaysOpenAIFrames: encoder.relaysOpenAIFrames,
    donePayload: encoder.donePayload,
    encodeParts: (parts) => encoder.encodeParts(parts),
    encodeError: (error) => encoder.encodeError(error),
    encodeUsage: (usage) => {
      const payload = encoder.encodeUsage(usage);
      if (!payload.endsWith('}')) return payload;
      return `${payload.slice(0, -1)},"openrouter_metadata":${JSON.stringify(buildRouterMetadata(ctx))}}`;
    },
  };
}
