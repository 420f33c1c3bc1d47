import type { KeyRegistry } from '../auth/key-registry.js';
import type { ByokFeeMeter } from '../billing/byok-fee-meter.js';
import type { RequestBilling } from '../billing/request-billing.js';
import type { ByokRegistry } from '../byok/byok-registry.js';
import type { ResponseCache } from '../cache/response-cache.js';
import type { GuardInference } from '../guardrails/guard-inference.js';
import type { WorkspacePrivacy } from '../privacy/workspace-privacy.js';
import type { RateLimiter } from '../rate-limits/rate-limiter.js';
import type { ResolvedCatalog } from '../routing/catalog/resolved-catalog.js';
import type { BatchGenerationWriter } from '../stores/batch-generation-writer.js';
import type { PrivacyStore } from '../stores/privacy-store.js';
import type { GatewayMetrics } from '../telemetry/gateway-metrics.js';
import type { RequestTracer } from '../telemetry/request-trace.js';
import type { AlertMonitor } from '../alerts/alert-monitor.js';
import type { DispatchDeps } from './dispatch-with-failover.js';
import type { Caller } from '../auth/key-registry.js';
import type { InferenceExchange } from './inference-context.js';
import type { InFlightRequests } from './in-flight-requests.js';
import type { InferenceStage } from './inference-stage.js';
import type { RoutingServices } from './plan-request-route.js';
import { authenticateCaller } from './stages/authenticate-caller.js';
import { checkCapabilities } from './stages/check-capabilities.js';
import { compressContext } from './stages/compress-context.js';
import { deliverResponse } from './stages/deliver-response.js';
import { dispatchRequest } from './stages/dispatch-request.js';
import { guardInput } from './stages/guard-input.js';
import { limitRate } from './stages/limit-rate.js';
import { measurePrompt } from './stages/measure-prompt.js';
import { lookupResponseCache } from './stages/lookup-response-cache.js';
import { planRoute } from './stages/plan-route.js';
import { recordGeneration } from './stages/record-generation.js';
import { exportTrace } from './stages/export-trace.js';
import { exportGeneration } from './stages/export-generation.js';
import type { GenerationExport } from '../telemetry/export-generation-batches.js';
import { startTrace } from './stages/start-trace.js';
import { observeTraffic } from './stages/observe-traffic.js';
import { relayResponse } from './stages/relay-response.js';
import { reserveBudget } from './stages/reserve-budget.js';
import { settleGeneration } from './stages/settle-generation.js';

/** The services the inference lifecycle uses, built once at start-up. */
export interface InferenceDeps {
  keys: KeyRegistry;
  catalog: ResolvedCatalog;
  routing: RoutingServices;
  dispatch: DispatchDeps;
  writer: BatchGenerationWriter;
  rateLimiter: RateLimiter;
  /** Ledger reservation before dispatch and settlement when the cost is known. */
  billing: RequestBilling;
  byok: ByokRegistry;
  byokFees: ByokFeeMeter;
  metrics: GatewayMetrics;
  /** OpenTelemetry export of each finished request; undefined when no collector is configured. */
  tracer: RequestTracer | undefined;
  /** Generation records to a webhook (config `telemetry.generation_export`); undefined when off. */
  generationExport?: GenerationExport;
  /** Alert rules' traffic window (spend spikes, error rates); undefined in tests that do not need it. */
  alerts?: AlertMonitor;
  guard: GuardInference;
  keepaliveMs: number;
  /** URL schemes clients may use in media parts beyond https/http/data (config `allow_storage_urls`). */
  allowStorageUrls: readonly string[];
  responseCache: ResponseCache;
  privacy: WorkspacePrivacy;
  privacyStore: PrivacyStore;
  /** In-flight requests, so a stop can wait for them and abort the stragglers. */
  inFlight: InFlightRequests;
}

/** The lifecycle of every inference request, in order. */
export interface InferenceStages {
  /** Who is calling (before any context exists). */
  authenticate: (exchange: InferenceExchange) => Caller;
  /** Until the request is accepted: a failure is answered by the HTTP error handler and nothing is recorded. */
  admit: readonly InferenceStage[];
  /** Once accepted: the pipeline answers every outcome, and every stage's `finish` runs at the end. */
  serve: readonly InferenceStage[];
}

/**
 * THE stage list. Every inference endpoint (chat completions, completions, Anthropic messages,
 * and any new one) runs exactly these stages; an endpoint only brings its InboundCodec (decode the
 * body into the canonical request; encode results, stream chunks and errors back).
 *
 * authenticate → decode (codec) → check capabilities → measure prompt → rate-limit → guard input → [accepted]
 * → start trace (W3C traceparent) → cache lookup → plan route → compress context (middle-out) → reserve budget
 * → dispatch with failover → relay (translate, guard output) → settle → deliver → record → export trace → export generation → observe traffic (alerts)
 */
export function buildInferenceStages(deps: InferenceDeps): InferenceStages {
  return {
    authenticate: authenticateCaller(deps.keys),
    admit: [checkCapabilities({ allowStorageUrls: deps.allowStorageUrls }), measurePrompt(), limitRate(deps.rateLimiter), guardInput(deps.guard)],
    serve: [
      startTrace(deps),
      lookupResponseCache(deps),
      planRoute(deps),
      compressContext(),
      reserveBudget(deps.billing),
      dispatchRequest(deps.dispatch),
      relayResponse(deps.guard),
      settleGeneration(deps),
      deliverResponse(deps.guard),
      recordGeneration(deps),
      exportTrace(deps),
      exportGeneration(deps),
      observeTraffic(deps),
    ],
  };
}
