import { usdToNumber } from "../../core/money.js";
function recordGeneration(deps) {
  return { name: "record", finish: (ctx) => record(ctx, deps) };
}
function record(ctx, deps) {
  const finishedAt = ctx.finishedAt ?? Date.now();
  const served = ctx.served;
  deps.writer.enqueue({
    id: ctx.generationId,
    keyHash: ctx.caller.key.hash,
    workspaceId: ctx.caller.key.workspaceId,
    model: served?.model.model.id ?? ctx.cacheHit?.model ?? ctx.request.model ?? "",
    providerName: served?.endpoint.provider.name ?? ctx.cacheHit?.providerName ?? null,
    upstreamId: ctx.upstreamId,
    apiType: ctx.apiType,
    createdAt: ctx.startedAt,
    streamed: ctx.stream,
    cancelled: ctx.cancelled,
    status: ctx.status,
    finishReason: ctx.finishReason,
    nativeFinishReason: ctx.nativeFinishReason,
    latencyMs: ctx.firstByteAt === void 0 ? null : ctx.firstByteAt - ctx.startedAt,
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
    responseCacheSourceId: ctx.cacheHit?.sourceId ?? null
  });
  deps.metrics.recordRequest({ route: ctx.route, status: ctx.status, streamed: ctx.stream, seconds: (finishedAt - ctx.startedAt) / 1e3 });
  if (served) {
    deps.metrics.recordUsage({
      provider: served.endpoint.provider.id,
      model: served.model.model.id,
      tokens: { prompt: ctx.tokens.promptTokens, completion: ctx.tokens.completionTokens, cached: ctx.tokens.cachedReadTokens, reasoning: ctx.tokens.reasoningTokens },
      costUsd: usdToNumber(ctx.cost?.total ?? 0n)
    });
  }
}
export {
  recordGeneration
};
//# sourceMappingURL=record-generation.js.map
