import type { Caller } from '../auth/key-registry.js';
import type { CostBreakdown } from '../billing/compute-cost.js';
import type { ChatRequest } from '../core/canonical/chat-request.js';
import type { FinishReason } from '../core/canonical/finish-reason.js';
import { ZERO_TOKENS, type TokenCounts } from '../core/canonical/usage.js';
import type { RouteAttempt } from '../routing/plan-route.js';
import type { RoutingTrace } from '../routing/route-report.js';
import { constraintsFromRequest, type RoutingConstraints } from '../routing/routing-constraints.js';
import type { BudgetLimit } from '../billing/budget-limit.js';
import { newBillingState, type BillingState } from '../billing/request-billing.js';
import type { ProviderAttempt } from '../stores/generation-store.js';
import type { RequestGuardrails } from '../guardrails/guardrail-registry.js';
import type { CacheTicket } from '../cache/response-cache.js';
import type { ChatResult } from '../core/canonical/chat-response.js';
import type { EmbeddingsResult } from '../core/canonical/embeddings.js';
import type { Usage } from '../core/canonical/usage.js';
import type { SseSink, StreamEncoder } from '../core/sse-sink.js';
import type { RateLimitAdmission } from '../rate-limits/rate-limiter.js';
import type { TraceContext } from '../telemetry/request-trace.js';
import { newGenerationId } from './new-generation-id.js';
import type { DispatchOutcome } from './dispatch-outcome.js';
import { RequestAbortController } from './request-abort-controller.js';

export type ApiType = 'chat' | 'completions' | 'embeddings';

/**
 * One inbound dialect as the pipeline sees it: its body decoded into the canonical request, and
 * canonical results encoded back. A new endpoint is one of these plus a route; never a new lifecycle.
 */
export interface InferenceCodec {
  apiType: ApiType;
  /** The body into the canonical request; `headers` for dialects that carry request options there (`anthropic-beta`). */
  parseRequest(body: unknown, headers?: Readonly<Record<string, string | string[] | undefined>>): ChatRequest;
  encodeResult(options: { ctx: InferenceContext; result: ChatResult; usage: Usage }): unknown;
  /** Embeddings endpoints only: the vectors and the priced usage into the response body. */
  encodeEmbeddings?(options: { ctx: InferenceContext; result: EmbeddingsResult; usage: Usage }): unknown;
  createStreamEncoder(ctx: InferenceContext): StreamEncoder;
}

/** The client's stream once the response has begun: errors then travel in-band. */
export interface ResponseStream extends SseSink {
  /** True once the status line went out. */
  readonly started: boolean;
  /** Stops keep-alives without ending, so a JSON error can still be written. */
  abandon(): void;
}

/**
 * The HTTP exchange as the pipeline sees it (http/ implements it over Fastify): the request's
 * headers and body, and the few ways of writing bytes back.
 */
export interface InferenceExchange {
  /**
   * Set only by the Batch API's internal exchange (never from HTTP input): the line is already
   * authenticated as this key (by hash), and its generation belongs to this batch.
   */
  readonly batchKeyHash?: string;
  readonly batchId?: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: unknown;
  /** Called once when the connection closes; `finished` is false when the client left early. */
  onClose(listener: (finished: boolean) => void): void;
  /** From here on the pipeline answers every outcome itself (errors no longer go to the framework). */
  takeOver(): void;
  /** True once the response was fully written or the socket is gone. */
  readonly ended: boolean;
  /** Writes a whole JSON response; returns the text written, or undefined when the client was gone. */
  writeJson(status: number, headers: Record<string, string>, body: unknown): string | undefined;
  /** Writes a whole response whose JSON text is already encoded (cache replay). */
  writeJsonText(headers: Record<string, string>, text: string): void;
  /** Starts an SSE response (headers go out with the first write). */
  openStream(headers: Record<string, string>): ResponseStream;
  /** Answers a failure: a JSON error with its status, or an in-band error once the stream started. */
  fail(error: unknown, ctx: InferenceContext): void;
}

/** What must outlive the response (cache entry, content log): see pipeline/response-keeper.ts. */
export interface ResponseRecorder {
  wrap(sink: SseSink): SseSink;
  /** Undefined when nothing is kept (no cache entry, no content log). */
  keepJson(text: string | undefined): Promise<void> | undefined;
  keepStream(): Promise<void>;
  /** What the opt-in content log kept of this request (JSON text, secrets scrubbed), once it was kept. */
  readonly loggedContent: { input: string; output: string } | undefined;
}

/**
 * Typed per-request state shared by the pipeline stages. Every field is declared here and
 * initialised by createInferenceContext; stages never add ad-hoc properties.
 */
export interface InferenceContext {
  readonly generationId: string;
  readonly startedAt: number;
  readonly caller: Caller;
  readonly apiType: ApiType;
  /** The route's name in metrics (`chat`, `completions`, `messages`, …). */
  readonly route: string;
  readonly codec: InferenceCodec;
  readonly exchange: InferenceExchange;
  readonly request: ChatRequest;
  readonly stream: boolean;
  /** Aborted when the client disconnects or the gateway stops; propagated upstream. */
  readonly abort: AbortController;
  /** Hard routing limits from the workspace, guardrails and the request; planRoute applies them. */
  constraints: RoutingConstraints;
  /** Budgets beyond the key's own that this request's cost counts toward (guardrails). */
  budgets: BudgetLimit[];
  /** The key's guardrails, when any apply (set by the input guard; read by the output guard). */
  guardrails: RequestGuardrails | undefined;
  plan: RouteAttempt[];
  /** Why the plan looks the way it does (router metadata, sticky key, auto-router choice). */
  routing: RoutingTrace;
  /** Every upstream attempt, for /generation's provider_responses. */
  attempts: ProviderAttempt[];
  /** The attempt that produced the response. */
  served: RouteAttempt | undefined;
  upstreamId: string | null;
  firstByteAt: number | undefined;
  finishedAt: number | undefined;
  tokens: TokenCounts;
  cost: CostBreakdown | undefined;
  /** BYOK only: the fee charged to credits, decided at the first pricing. */
  byokFee: bigint | null;
  finishReason: FinishReason | null;
  nativeFinishReason: string | null;
  /** 200, or the status of the error returned (in-band errors keep their own code). */
  status: number;
  cancelled: boolean;
  /** Set when the response came from the response cache: the generation it replays. */
  /** Answered from the response cache: the entry's source and what the cached generation cost (what this replay saved). */
  cacheHit: { sourceId: string; model: string; providerName: string | null; savedPico: bigint } | undefined;
  /** Ledger reservation and settlement of this request (billing/request-billing.ts). */
  billing: BillingState;
  /** BYOK upstream cost in picodollars, set by the BYOK stage: counted in byok_usage*, not charged to credits. */
  byokCostPico: bigint;
  /** Response headers (generation id, cache status). */
  readonly responseHeaders: Record<string, string>;
  /** The rate-limit admission (slot and token charge), settled when the request ends. */
  admission: RateLimitAdmission | undefined;
  /** The response-cache ticket when this request may use the cache. */
  cache: CacheTicket | undefined;
  recorder: ResponseRecorder | undefined;
  /** The client's SSE stream (streamed requests, once the cache missed). */
  sink: ResponseStream | undefined;
  /** Where stream payloads go: the client's stream, recorded when anything is kept. */
  output: SseSink | undefined;
  outcome: DispatchOutcome | undefined;
  /** The client's stream encoder (guarded, with router metadata) for a streamed response. */
  encoder: StreamEncoder | undefined;
  /** The priced wire usage, set by the settle stage. */
  usage: Usage | undefined;
  /** True once the generation record was stored durably with the settlement (before the final bytes). */
  recorded: boolean;
  /** W3C trace context when tracing is configured (set by the start-trace stage); undefined otherwise. */
  trace: TraceContext | undefined;
}

export function createInferenceContext(options: {
  caller: Caller;
  codec: InferenceCodec;
  route: string;
  exchange: InferenceExchange;
  request: ChatRequest;
  /** A known id (a native batch line settled in another process than the one that reserved it); new by default. */
  generationId?: string;
}): InferenceContext {
  const generationId = options.generationId ?? newGenerationId();
  return {
    generationId,
    startedAt: Date.now(),
    caller: options.caller,
    apiType: options.codec.apiType,
    route: options.route,
    codec: options.codec,
    exchange: options.exchange,
    request: options.request,
    stream: options.request.stream === true,
    abort: new RequestAbortController(),
    constraints: constraintsFromRequest(options.request.provider),
    budgets: [],
    guardrails: undefined,
    plan: [],
    routing: { explain: false, report: undefined, conversation: undefined, auto: undefined },
    attempts: [],
    served: undefined,
    upstreamId: null,
    firstByteAt: undefined,
    finishedAt: undefined,
    tokens: { ...ZERO_TOKENS },
    cost: undefined,
    byokFee: null,
    finishReason: null,
    nativeFinishReason: null,
    status: 200,
    cancelled: false,
    billing: newBillingState(),
    byokCostPico: 0n,
    cacheHit: undefined,
    responseHeaders: { 'x-generation-id': generationId },
    admission: undefined,
    cache: undefined,
    recorder: undefined,
    sink: undefined,
    output: undefined,
    outcome: undefined,
    encoder: undefined,
    usage: undefined,
    recorded: false,
    trace: undefined,
  };
}
