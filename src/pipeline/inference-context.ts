import { randomBytes } from 'node:crypto';
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

export type ApiType = 'chat' | 'completions';

/**
 * Typed per-request state shared by the pipeline stages. Every field is declared here and
 * initialised by createInferenceContext; stages never add ad-hoc properties.
 */
export interface InferenceContext {
  readonly generationId: string;
  readonly startedAt: number;
  readonly caller: Caller;
  readonly apiType: ApiType;
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
  cacheHit: { sourceId: string; model: string; providerName: string | null } | undefined;
  /** Ledger reservation and settlement of this request (billing/request-billing.ts). */
  billing: BillingState;
  /** BYOK upstream cost in picodollars, set by the BYOK stage: counted in byok_usage*, not charged to credits. */
  byokCostPico: bigint;
}

export function createInferenceContext(options: {
  caller: Caller;
  apiType: ApiType;
  request: ChatRequest;
}): InferenceContext {
  return {
    generationId: newGenerationId(),
    startedAt: Date.now(),
    caller: options.caller,
    apiType: options.apiType,
    request: options.request,
    stream: options.request.stream === true,
    abort: new AbortController(),
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
  };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

const POOL_SIZE = 20 * 256;
let pool = randomBytes(POOL_SIZE);
let offset = 0;

/**
 * "gen-<unix seconds>-<20 base62 chars>", OpenRouter's id layout. Random bytes are drawn
 * from a pool refilled every 256 ids: one CSPRNG call instead of one per request.
 */
export function newGenerationId(): string {
  if (offset + 20 > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE);
    offset = 0;
  }
  let suffix = '';
  for (let i = offset; i < offset + 20; i += 1) suffix += ALPHABET[(pool[i] as number) % ALPHABET.length];
  offset += 20;
  return `gen-${Math.floor(Date.now() / 1000)}-${suffix}`;
}
