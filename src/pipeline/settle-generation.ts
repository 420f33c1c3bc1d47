import { computeCost } from '../billing/compute-cost.js';
import { countPromptImages } from '../billing/count-prompt-images.js';
import type { RequestBilling } from '../billing/request-billing.js';
import { usdToNumber } from '../core/money.js';
import { toWireUsage } from '../billing/to-wire-usage.js';
import type { ByokFeeMeter } from '../billing/byok-fee-meter.js';
import type { Usage } from '../core/canonical/usage.js';
import type { BatchGenerationWriter } from '../stores/batch-generation-writer.js';
import type { GatewayMetrics } from '../telemetry/gateway-metrics.js';
import type { InferenceContext } from './inference-context.js';

/**
 * Prices the generation from the served endpoint's prices and the counted tokens, and
 * returns the wire `usage`. Zero-completion insurance: a generation that produced no
 * completion tokens and ended without a finish reason (or with an error) costs nothing.
 */
export function priceGeneration(ctx: InferenceContext, byokFees?: ByokFeeMeter): Usage {
  const prices = ctx.served?.endpoint.prices;
  if (ctx.tokens.promptImages === undefined) {
    const images = countPromptImages(ctx.request);
    if (images > 0) ctx.tokens = { ...ctx.tokens, promptImages: images };
  }
  const charged = ctx.tokens.completionTokens > 0 || (ctx.finishReason !== null && ctx.finishReason !== 'error');
  const firstPricing = ctx.cost === undefined;
  ctx.cost = prices
    ? computeCost({ tokens: ctx.tokens, prices, charged })
    : { total: 0n, prompt: 0n, completion: 0n, cacheDiscount: 0n };
  if (ctx.served?.byok) {
    // The workspace's own key paid the provider: that list price is BYOK spend (byok_usage*), and
    // credits are charged only the optional BYOK fee.
    ctx.byokCostPico = ctx.cost.total;
    const fee = firstPricing && byokFees ? byokFees.charge(ctx.caller.key.workspaceId, ctx.cost.total) : (ctx.byokFee ?? 0n);
    ctx.byokFee = fee;
    ctx.cost = { ...ctx.cost, total: fee };
  }
  return toWireUsage(ctx.tokens, ctx.cost, ctx.served?.byok ? ctx.byokCostPico : null);
}

/**
 * Records the generation exactly once (the caller's `finally`), off the response path:
 * the batch writer persists it shortly after, and before any graceful stop completes.
 */
export function settleGeneration(
  ctx: InferenceContext,
  deps: { writer: BatchGenerationWriter; metrics: GatewayMetrics; route: string; billing: RequestBilling; byokFees?: ByokFeeMeter },
): void {
  if (ctx.cost === undefined) priceGeneration(ctx, deps.byokFees);
  const finishedAt = ctx.finishedAt ?? Date.now();
  const served = ctx.served;
  deps.writer.enqueue({
    id: ctx.generationId,
    keyHash: ctx.caller.key.hash,
    workspaceId: ctx.caller.key.workspaceId,
    model: served?.model.model.id ?? ctx.cacheHit?.model ?? ctx.request.model ?? '',
    providerName: served?.endpoint.provider.name ?? ctx.cacheHit?.providerName ?? null,
    upstreamId: ctx.upstreamId,
    apiType: ctx.apiType,
    createdAt: ctx.startedAt,
    streamed: ctx.stream,
    cancelled: ctx.cancelled,
    status: ctx.status,
    finishReason: ctx.finishReason,
    nativeFinishReason: ctx.nativeFinishReason,
    latencyMs: ctx.firstByteAt === undefined ? null : ctx.firstByteAt - ctx.startedAt,
    generationTimeMs: finishedAt - ctx.startedAt,
    promptTokens: ctx.tokens.promptTokens,
    completionTokens: ctx.tokens.completionTokens,
    reasoningTokens: ctx.tokens.reasoningTokens,
    cachedTokens: ctx.tokens.cachedReadTokens,
    cacheWriteTokens: ctx.tokens.cacheWriteTokens,
    costPico: ctx.cost?.total ?? 0n,
    upstreamCostPico: served?.byok ? ctx.byokCostPico : null,
    cacheDiscountPico: ctx.cost?.cacheDiscount ?? null,
    isByok: served?.byok === true,
    externalUser: ctx.request.user ?? null,
    sessionId: ctx.request.session_id ?? null,
    attempts: ctx.attempts,
    responseCacheSourceId: ctx.cacheHit?.sourceId ?? null,
  });
  deps.billing.settle(ctx);
  deps.metrics.recordRequest({ route: deps.route, status: ctx.status, streamed: ctx.stream, seconds: (finishedAt - ctx.startedAt) / 1000 });
  if (served) {
    deps.metrics.recordUsage({
      provider: served.endpoint.provider.id,
      model: served.model.model.id,
      tokens: { prompt: ctx.tokens.promptTokens, completion: ctx.tokens.completionTokens, cached: ctx.tokens.cachedReadTokens, reasoning: ctx.tokens.reasoningTokens },
      costUsd: usdToNumber(ctx.cost?.total ?? 0n),
    });
  }
}
