import { usdToNumber } from '../../core/money.js';
import type { BatchGenerationWriter } from '../../stores/batch-generation-writer.js';
import { generationOutcome } from '../../stores/generation-store.js';
import type { GatewayMetrics } from '../../telemetry/gateway-metrics.js';
import { buildGenerationRecord } from '../generation-record.js';
import type { InferenceContext } from '../inference-context.js';
import type { InferenceStage } from '../inference-stage.js';

/**
 * Records the generation exactly once when the request ends. A response that was settled before
 * its final bytes went out already has its record, stored durably in the settlement's commit
 * (settle stage); every other one (failed, cancelled, cache hit) is written off the response path
 * by the batch writer, shortly after and before any graceful stop completes.
 */
export function recordGeneration(deps: { writer: BatchGenerationWriter; metrics: GatewayMetrics }): InferenceStage {
  return { name: 'record', finish: (ctx) => record(ctx, deps) };
}

function record(ctx: InferenceContext, deps: { writer: BatchGenerationWriter; metrics: GatewayMetrics }): void {
  const finishedAt = ctx.finishedAt ?? Date.now();
  const served = ctx.served;
  if (!ctx.recorded) deps.writer.enqueue(buildGenerationRecord(ctx));
  deps.metrics.recordRequest({ route: ctx.route, status: ctx.status, streamed: ctx.stream, seconds: (finishedAt - ctx.startedAt) / 1000 });
  if (served) {
    deps.metrics.recordUsage({
      provider: served.endpoint.provider.id,
      model: served.model.model.id,
      outcome: generationOutcome({ cancelled: ctx.cancelled, status: ctx.status, finishReason: ctx.finishReason }),
      tokens: { prompt: ctx.tokens.promptTokens, completion: ctx.tokens.completionTokens, cached: ctx.tokens.cachedReadTokens, reasoning: ctx.tokens.reasoningTokens },
      costUsd: usdToNumber(ctx.cost?.total ?? 0n),
    });
  }
}
