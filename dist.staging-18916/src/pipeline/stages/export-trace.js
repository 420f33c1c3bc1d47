import { usdToNumber } from "../../core/money.js";
function exportTrace(deps) {
  const { tracer } = deps;
  if (!tracer) return { name: "export-trace" };
  return { name: "export-trace", finish: (ctx) => tracer.export(toTrace(ctx, deps.catalog)) };
}
function toTrace(ctx, catalog) {
  const served = ctx.served;
  const attempts = ctx.attempts.map((attempt) => {
    const endpoint = catalog.models.get(attempt.model)?.endpoints.find((candidate) => candidate.provider.name === attempt.provider);
    return {
      providerId: endpoint?.provider.id ?? attempt.provider,
      providerName: attempt.provider,
      upstreamModel: endpoint?.upstreamModel ?? attempt.model,
      status: attempt.status,
      startedAt: attempt.startedAt ?? ctx.startedAt,
      latencyMs: attempt.latencyMs
    };
  });
  return {
    generationId: ctx.generationId,
    operation: ctx.apiType === "completions" ? "text_completion" : "chat",
    route: ctx.route,
    requestedModel: ctx.request.model ?? "",
    responseModel: served?.model.model.id ?? ctx.cacheHit?.model,
    providerId: served?.endpoint.provider.id,
    upstreamId: ctx.upstreamId,
    startedAt: ctx.startedAt,
    finishedAt: ctx.finishedAt ?? Date.now(),
    status: ctx.status,
    streamed: ctx.stream,
    cancelled: ctx.cancelled,
    cacheHit: ctx.cacheHit !== void 0,
    finishReason: ctx.finishReason,
    inputTokens: ctx.tokens.promptTokens,
    outputTokens: ctx.tokens.completionTokens,
    cachedInputTokens: ctx.tokens.cachedReadTokens,
    reasoningTokens: ctx.tokens.reasoningTokens,
    costUsd: usdToNumber(ctx.cost?.total ?? 0n),
    request: { maxTokens: ctx.request.max_tokens, temperature: ctx.request.temperature, topP: ctx.request.top_p },
    attempts
  };
}
export {
  exportTrace
};
//# sourceMappingURL=export-trace.js.map
