import { endpointKey } from "../routing/health/endpoint-health.js";
import { planRoute } from "../routing/plan-route.js";
import { AUTO_MODEL_IDS, chooseAutoModel } from "../routing/auto/choose-auto-model.js";
import { emptyRouteReport } from "../routing/route-report.js";
import { conversationKey } from "../routing/sticky-sessions.js";
async function planRequestRoute(ctx, services, headers) {
  const trace = ctx.routing;
  trace.explain = metadataRequested(headers);
  trace.report = trace.explain ? emptyRouteReport() : void 0;
  const session = headerValue(headers["x-session-id"]);
  trace.conversation = `${ctx.caller.key.hash}|${conversationKey(ctx.request, session)}`;
  const conversation = trace.conversation;
  const now = services.now();
  let request = ctx.request;
  if (typeof request.model === "string" && AUTO_MODEL_IDS.has(request.model)) {
    trace.auto = chooseAutoModel({ catalog: services.catalog, request, constraints: ctx.constraints, tiers: services.autoTiers });
    request = { ...request, model: trace.auto.model, models: trace.auto.fallbacks };
  }
  const sticky = await services.sticky.recall(conversation, now);
  return planRoute(services.catalog, request, ctx.constraints, {
    health: services.health,
    now,
    random: services.random,
    report: trace.report,
    stickyProvider: sticky
  });
}
function noteGenerationFinished(ctx, services) {
  const served = ctx.served;
  if (!served || ctx.status !== 200) return;
  const now = services.now();
  if (ctx.routing.conversation) services.sticky.remember(ctx.routing.conversation, served.model.model.id, served.endpoint.provider.id, now);
  const lastAttempt = ctx.attempts[ctx.attempts.length - 1];
  const generationMs = ctx.stream ? (ctx.finishedAt ?? now) - (ctx.firstByteAt ?? now) : lastAttempt?.latencyMs ?? 0;
  if (ctx.tokens.completionTokens > 0 && generationMs > 0 && !ctx.cancelled) {
    services.health.recordThroughput({
      endpoint: endpointKey(served.model.model.id, served.endpoint.provider.id),
      tokensPerSecond: ctx.tokens.completionTokens * 1e3 / generationMs,
      at: now
    });
  }
}
function metadataRequested(headers) {
  const value = headerValue(headers["x-openrouter-metadata"]) ?? headerValue(headers["x-openrouter-experimental-metadata"]);
  return value?.trim().toLowerCase() === "enabled";
}
function headerValue(value) {
  return Array.isArray(value) ? value[0] : value;
}
export {
  noteGenerationFinished,
  planRequestRoute
};
//# sourceMappingURL=plan-request-route.js.map
