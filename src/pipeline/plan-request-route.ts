import { thenOrNow } from '../core/then-or-now.js';
import { withTokenizer } from '../core/token-counter.js';
import type { ResolvedCatalog } from '../routing/catalog/resolved-catalog.js';
import { endpointKey, type EndpointHealth } from '../routing/health/endpoint-health.js';
import { mayUseStickiness, planRoute, type RouteAttempt } from '../routing/plan-route.js';
import { AUTO_MODEL_IDS, chooseAutoModel, type AutoRouterTier } from '../routing/auto/choose-auto-model.js';
import { emptyRouteReport } from '../routing/route-report.js';
import { conversationKey, type StickyRoutes } from '../routing/sticky-sessions.js';
import type { InferenceContext } from './inference-context.js';

/** Routing state shared by every request, built once at start-up. */
export interface RoutingServices {
  catalog: ResolvedCatalog;
  health: EndpointHealth;
  sticky: StickyRoutes;
  /** Capability tiers of the auto router (`openrouter/auto`), easy → hard. */
  autoTiers: AutoRouterTier[];
  /** Injectable for tests: the clock and the uniform random source of the weighted pick. */
  now: () => number;
  random: () => number;
}

type HeaderBag = Record<string, string | string[] | undefined>;

/**
 * Plans the request's attempts (see planRoute) with the live health, the sticky endpoint of
 * its conversation, and a report of the decision kept on `ctx.routing` for router metadata.
 * Reads `X-OpenRouter-Metadata` and `x-session-id` from the request headers.
 */
export function planRequestRoute(ctx: InferenceContext, services: RoutingServices, headers: HeaderBag): RouteAttempt[] | Promise<RouteAttempt[]> {
  const trace = ctx.routing;
  trace.explain = metadataRequested(headers);
  // Only router metadata reads the report: build it only when the client asked for it.
  trace.report = trace.explain ? emptyRouteReport() : undefined;
  const now = services.now();
  let request = ctx.request;
  if (typeof request.model === 'string' && AUTO_MODEL_IDS.has(request.model)) {
    // The auto router picks the model; its fallbacks become `models`. ctx.request keeps what the client sent.
    trace.auto = chooseAutoModel({ catalog: services.catalog, request, constraints: ctx.constraints, tiers: services.autoTiers });
    request = { ...request, model: trace.auto.model, models: trace.auto.fallbacks };
  }
  const plan = (sticky: StickyProvider): RouteAttempt[] | Promise<RouteAttempt[]> =>
    // Pricing endpoints may count the prompt: withTokenizer loads the tokenizer first if it must
    // (and plans again, with a fresh report).
    withTokenizer(() => {
      trace.report = trace.explain ? emptyRouteReport() : undefined;
      return planRoute(services.catalog, request, ctx.constraints, {
        health: services.health,
        now,
        random: services.random,
        report: trace.report,
        stickyProvider: sticky,
      });
    });
  // The conversation is hashed, recalled (a Redis round trip with shared state) and remembered
  // only when stickiness could reorder an endpoint list: never for single-endpoint models.
  if (!mayUseStickiness(services.catalog, request)) {
    trace.conversation = undefined;
    return plan(NOT_STICKY);
  }
  const session = headerValue(headers['x-session-id']);
  const conversation = `${ctx.caller.key.hash}|${conversationKey(ctx.request, session)}`;
  trace.conversation = conversation;
  // Synchronous (no promise) when the sticky store and the tokenizer answer at once (in memory, loaded).
  return thenOrNow(services.sticky.recall(conversation, now), plan);
}

type StickyProvider = (modelId: string) => string | undefined;

const NOT_STICKY: StickyProvider = () => undefined;

/**
 * After a generation: remember its endpoint for the conversation (sticky routing) and
 * record its throughput (completion tokens per second after the first byte).
 */
export function noteGenerationFinished(ctx: InferenceContext, services: RoutingServices): void {
  const served = ctx.served;
  if (!served || ctx.status !== 200) return;
  const now = services.now();
  if (ctx.routing.conversation) services.sticky.remember(ctx.routing.conversation, served.model.model.id, served.endpoint.provider.id, now);
  const lastAttempt = ctx.attempts[ctx.attempts.length - 1];
  const generationMs = ctx.stream
    ? (ctx.finishedAt ?? now) - (ctx.firstByteAt ?? now)
    : (lastAttempt?.latencyMs ?? 0);
  if (ctx.tokens.completionTokens > 0 && generationMs > 0 && !ctx.cancelled) {
    services.health.recordThroughput({
      endpoint: endpointKey(served.model.model.id, served.endpoint.provider.id),
      tokensPerSecond: (ctx.tokens.completionTokens * 1000) / generationMs,
      at: now,
    });
  }
}

/** `X-OpenRouter-Metadata: enabled` (or the legacy experimental header); anything else is off. */
function metadataRequested(headers: HeaderBag): boolean {
  const value = headerValue(headers['x-openrouter-metadata']) ?? headerValue(headers['x-openrouter-experimental-metadata']);
  return value?.trim().toLowerCase() === 'enabled';
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
