function buildRouterMetadata(ctx) {
  const { report, auto } = ctx.routing;
  const served = ctx.served;
  const requested = [ctx.request.model, ...ctx.request.models ?? []].filter((id) => typeof id === "string" && id !== "");
  const available = (report?.considered ?? []).map((entry) => ({
    provider: entry.provider,
    model: entry.model,
    selected: served !== void 0 && served.endpoint.provider.id === entry.provider && served.model.model.id === entry.model,
    ...entry.stable ? {} : { unstable: true },
    ...entry.misses ? { misses: entry.misses } : {}
  }));
  const strategy = auto ? "auto" : requested.length > 1 ? "fallback" : "direct";
  return {
    requested: requested.length === 1 ? requested[0] : requested,
    strategy,
    routing: report?.strategy ?? null,
    summary: served ? `${served.model.model.id} via ${served.endpoint.provider.name} after ${ctx.attempts.length} attempt(s)` : `no endpoint answered after ${ctx.attempts.length} attempt(s)`,
    attempt: ctx.attempts.length,
    is_byok: false,
    endpoints: { total: available.length + (report?.excluded.length ?? 0), available, excluded: report?.excluded ?? [] },
    attempts: ctx.attempts.map((attempt) => ({ provider: attempt.provider, model: attempt.model, status: attempt.status, latency: attempt.latencyMs })),
    ...auto ? { pipeline: [{ type: "router", name: "auto-router", data: { task_type: auto.taskType, difficulty: auto.difficulty, tier: auto.tier, model: auto.model, reason: auto.reason, fallbacks: auto.fallbacks } }] } : {}
  };
}
function withRouterMetadata(ctx, body) {
  if (!ctx.routing.explain || body === null || typeof body !== "object") return body;
  return { ...body, openrouter_metadata: buildRouterMetadata(ctx) };
}
function withStreamRouterMetadata(ctx, encoder) {
  if (!ctx.routing.explain) return encoder;
  return {
    relaysOpenAIFrames: encoder.relaysOpenAIFrames,
    donePayload: encoder.donePayload,
    encodeParts: (parts) => encoder.encodeParts(parts),
    encodeError: (error) => encoder.encodeError(error),
    encodeUsage: (usage) => {
      const payload = encoder.encodeUsage(usage);
      if (!payload.endsWith("}")) return payload;
      return `${payload.slice(0, -1)},"openrouter_metadata":${JSON.stringify(buildRouterMetadata(ctx))}}`;
    }
  };
}
export {
  buildRouterMetadata,
  withRouterMetadata,
  withStreamRouterMetadata
};
//# sourceMappingURL=router-metadata.js.map
