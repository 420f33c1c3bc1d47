import { usdToNumber } from '../../core/money.js';
import type { ResolvedCatalog } from '../../routing/catalog/resolved-catalog.js';
import type { RequestTracer, TraceContext, TracedAttempt } from '../../telemetry/request-trace.js';
import type { InferenceContext } from '../inference-context.js';
import type { InferenceStage } from '../inference-stage.js';

/**
 * Hands the finished request to the OpenTelemetry exporter (when one is configured): the request
 * and each upstream attempt, from the timings the earlier stages recorded. Runs after the
 * response is delivered; exporting is batched and off the response path.
 */
export function exportTrace(deps: { tracer: RequestTracer | undefined; catalog: ResolvedCatalog }): InferenceStage {
  const { tracer } = deps;
  if (!tracer) return { name: 'export-trace' };
  return {
    name: 'export-trace',
    finish: (ctx) => {
      if (ctx.trace?.sampled) tracer.export(toTrace(ctx, ctx.trace, deps.catalog));
    },
  };
}

function toTrace(ctx: InferenceContext, context: TraceContext, catalog: ResolvedCatalog): Parameters<RequestTracer['export']>[0] {
  const served = ctx.served;
  const attempts: TracedAttempt[] = ctx.attempts.map((attempt) => {
    const endpoint = catalog.models.get(attempt.model)?.endpoints.find((candidate) => candidate.provider.name === attempt.provider);
    return {
      providerId: endpoint?.provider.id ?? attempt.provider,
      providerName: attempt.provider,
      upstreamModel: endpoint?.upstreamModel ?? attempt.model,
      status: attempt.status,
      startedAt: attempt.startedAt ?? ctx.startedAt,
      latencyMs: attempt.latencyMs,
    };
  });
  return {
    generationId: ctx.generationId,
    operation: ctx.apiType === 'completions' ? 'text_completion' : 'chat',
    route: ctx.route,
    requestedModel: ctx.request.model ?? '',
    responseModel: served?.model.model.id ?? ctx.cacheHit?.model,
    providerId: served?.endpoint.provider.id,
    upstreamId: ctx.upstreamId,
    startedAt: ctx.startedAt,
    finishedAt: ctx.finishedAt ?? Date.now(),
    status: ctx.status,
    streamed: ctx.stream,
    cancelled: ctx.cancelled,
    cacheHit: ctx.cacheHit !== undefined,
    finishReason: ctx.finishReason,
    inputTokens: ctx.tokens.promptTokens,
    outputTokens: ctx.tokens.completionTokens,
    cachedInputTokens: ctx.tokens.cachedReadTokens,
    reasoningTokens: ctx.tokens.reasoningTokens,
    costUsd: usdToNumber(ctx.cost?.total ?? 0n),
    request: { maxTokens: ctx.request.max_tokens, temperature: ctx.request.temperature, topP: ctx.request.top_p },
    attempts,
    context,
  };
}
