import { withTokenizer } from '../core/token-counter.js';
import type { Logger } from 'pino';
import type { ChatRequest } from '../core/canonical/chat-request.js';
import type { TokenCounts } from '../core/canonical/usage.js';
import type { RouteAttempt } from '../routing/plan-route.js';
import { generationOutcome, type GenerationRecord } from '../stores/generation-store.js';
import type { ApiKeyRecord } from '../stores/key-store.js';
import type { Ledger, ReserveOutcome } from '../stores/ledger.js';
import type { BudgetLimit } from './budget-limit.js';
import type { CostBreakdown } from './compute-cost.js';
import { budgetError } from './budget-error.js';
import { scopesForRequest, type ChargedScope } from './budget-scopes.js';
import { boundWorstCase, estimateWorstCase } from './estimate-worst-case.js';
import type { WorkspaceDirectory } from './workspace-directory.js';

/** Below this many output tokens a lowered max_tokens is no longer a useful answer: 402 instead. */
export const MIN_USEFUL_OUTPUT_TOKENS = 64;

/** Per-request billing state on InferenceContext. */
export interface BillingState {
  /** Ledger scopes charged at settlement (set by reserve, or at settle when reserve never ran). */
  scopes: string[] | undefined;
  /** Picodollars held for this request; 0n when nothing was capped. */
  reserved: bigint;
  settled: boolean;
  /**
   * Set for a request dispatched later by another process (a native provider batch): its hold is
   * durable until then (Ledger ReserveRequest.durableUntil) instead of living with this process.
   */
  holdUntil?: Date;
}

/**
 * What billing reads and writes on a request (the pipeline's InferenceContext satisfies it):
 * declared here so billing does not depend on the pipeline above it.
 */
export interface BillableRequest {
  readonly generationId: string;
  readonly caller: { readonly key: ApiKeyRecord };
  readonly request: ChatRequest;
  readonly budgets: BudgetLimit[];
  readonly plan: RouteAttempt[];
  readonly served: RouteAttempt | undefined;
  /** Answered from the response cache: booked as a cache hit (nothing charged) with what it saved. */
  readonly cacheHit?: { readonly model: string; readonly providerName: string | null; readonly savedPico: bigint } | undefined;
  readonly tokens: TokenCounts;
  readonly cost: CostBreakdown | undefined;
  readonly byokCostPico: bigint;
  readonly billing: BillingState;
  /** How it ended, for the activity rollup (see generationOutcome). */
  readonly cancelled: boolean;
  readonly status: number;
  readonly finishReason: string | null;
}

export const newBillingState = (): BillingState => ({ scopes: undefined, reserved: 0n, settled: false });

/**
 * The request-path side of the ledger. reserve() runs after routing is planned and before
 * dispatch: it holds the worst case against every capped scope atomically, lowers max_tokens
 * when only part fits and the request set no limit, or throws the 402 (an explicit max_tokens /
 * max_completion_tokens is never lowered). settle() books the actual cost exactly once per
 * generation — called as soon as the cost is known (before the final bytes go out) and again,
 * as a no-op, from the request's `finally`, which covers cancels and failures.
 */
export class RequestBilling {
  readonly #ledger: Ledger;
  readonly #directory: WorkspaceDirectory;
  readonly #now: () => Date;
  readonly #log: Logger;

  constructor(options: { ledger: Ledger; directory: WorkspaceDirectory; now?: () => Date; log: Logger }) {
    this.#ledger = options.ledger;
    this.#directory = options.directory;
    this.#now = options.now ?? (() => new Date());
    this.#log = options.log;
  }

  get now(): Date {
    return this.#now();
  }

  async reserve(ctx: BillableRequest): Promise<void> {
    const scopes = scopesForRequest({ key: ctx.caller.key, directory: this.#directory, extra: ctx.budgets });
    ctx.billing.scopes = scopes.map((scope) => scope.scope);
    // Nothing enforced anywhere: no tokenizer pass, no reservation (settlement still books spend).
    if (!scopes.some((scope) => scope.cap !== null)) return;
    if (await this.#reserveBound(ctx, scopes)) return;
    const worst = await withTokenizer(() => estimateWorstCase(ctx.request, ctx.plan));
    const full = worst.cost(worst.outputTokens);
    // An explicit limit is the client's contract: all of it or a 402, never silently fewer tokens
    // (as OpenRouter). Only a request that set no limit may be lowered to what fits.
    const explicit = (ctx.request.max_completion_tokens ?? ctx.request.max_tokens) !== undefined;
    const minOutput = Math.min(worst.outputTokens, MIN_USEFUL_OUTPUT_TOKENS);
    const minimum = full === 0n || explicit ? 0n : maxOf(1n, worst.cost(minOutput));
    const now = this.#now();
    const outcome = await this.#hold(ctx, { scopes, amount: full, minimum, now });
    if (!outcome.ok) {
      const affordable = outcome.available > 0n ? worst.affordableOutput(outcome.available) : 0;
      const held = outcome.held ?? 0n;
      // Short only because requests in flight hold part of it: it would fit once they settle.
      const floor = minimum === 0n ? full : minimum;
      const heldInFlight = held > 0n && outcome.available + held >= floor ? held : 0n;
      throw budgetError({
        scope: outcome.blocking as ChargedScope,
        exhausted: outcome.available <= 0n,
        requestedTokens: worst.outputTokens,
        affordableTokens: affordable,
        heldInFlight,
        now,
      });
    }
    ctx.billing.reserved = outcome.reserved;
    if (outcome.reserved < full) setMaxTokens(ctx, worst.affordableOutput(outcome.reserved));
    else if (worst.assumedOutput) setMaxTokens(ctx, worst.outputTokens);
  }

  /**
   * The cheap first try: the worst case with the prompt's bytes for its tokens (no tokenizer),
   * all or nothing. It never holds less than the tokenizer's estimate would, so a budget is never
   * overspent; when it does not fit, or the bound cannot tell, reserve() prices the request exactly
   * and tries again (a refused reservation holds nothing), so no request that fits is refused for
   * the cruder bound, and only a request near its limit (or one whose max_tokens must be lowered)
   * pays for the tokenizer. True when the reservation is held.
   */
  async #reserveBound(ctx: BillableRequest, scopes: ChargedScope[]): Promise<boolean> {
    const bound = boundWorstCase(ctx.request, ctx.plan);
    if (!bound) return false;
    const amount = bound.cost(bound.outputTokens);
    const outcome = await this.#hold(ctx, { scopes, amount, minimum: 0n, now: this.#now() });
    if (!outcome.ok) return false;
    ctx.billing.reserved = outcome.reserved;
    if (bound.assumedOutput) setMaxTokens(ctx, bound.outputTokens);
    return true;
  }

  /** The ledger reservation itself; durable when the request is dispatched later by another process (billing.holdUntil). */
  #hold(ctx: BillableRequest, request: { scopes: ChargedScope[]; amount: bigint; minimum: bigint; now: Date }): Promise<ReserveOutcome> {
    const durable = ctx.billing.holdUntil;
    return this.#ledger.reserve({ generationId: ctx.generationId, ...request, ...(durable && { durableUntil: durable }) });
  }

  /**
   * Books ctx.cost once, with the generation's record when given (stored in the same commit).
   * Resolves once the ledger committed: true when the record is now durably stored, false when
   * it was not given or not stored (nothing to book, or a ledger failure, which is logged; the
   * hold is then freed at restart). Never rejects.
   */
  async settle(ctx: BillableRequest, record?: GenerationRecord): Promise<boolean> {
    if (ctx.billing.settled) return false;
    ctx.billing.settled = true;
    const amount = ctx.cost?.total ?? 0n;
    const served = ctx.served;
    // A request refused or failed before anything was served, with nothing held: nothing to book. A
    // response-cache hit is booked (at zero) so the activity rollup counts it and what it saved.
    const hit = ctx.cacheHit;
    if (amount === 0n && ctx.billing.reserved === 0n && !served && ctx.byokCostPico === 0n && !hit) return false;
    const scopes = ctx.billing.scopes ?? scopesForRequest({ key: ctx.caller.key, directory: this.#directory, extra: ctx.budgets }).map((scope) => scope.scope);
    try {
      await this.#ledger.settle({
        generationId: ctx.generationId,
        workspaceId: ctx.caller.key.workspaceId,
        keyHash: ctx.caller.key.hash,
        scopes,
        amount,
        byokAmount: ctx.byokCostPico,
        now: this.#now(),
        activity: served
          ? {
              model: served.model.model.id,
              providerName: served.endpoint.provider.name,
              promptTokens: ctx.tokens.promptTokens,
              completionTokens: ctx.tokens.completionTokens,
              reasoningTokens: ctx.tokens.reasoningTokens,
              outcome: generationOutcome(ctx),
              cachedTokens: ctx.tokens.cachedReadTokens,
              cacheSavings: ctx.cost?.cacheDiscount ?? 0n,
            }
          : hit
            ? {
                model: hit.model,
                providerName: hit.providerName ?? '',
                promptTokens: 0,
                completionTokens: 0,
                reasoningTokens: 0,
                outcome: generationOutcome(ctx),
                responseCacheHit: true,
                cacheSavings: hit.savedPico,
              }
            : null,
        ...(record && { record }),
      });
      return record !== undefined;
    } catch (error) {
      this.#log.error({ err: error, generationId: ctx.generationId }, 'ledger settlement failed');
      return false;
    }
  }
}

function setMaxTokens(ctx: BillableRequest, tokens: number): void {
  if (ctx.request.max_completion_tokens !== undefined) ctx.request.max_completion_tokens = tokens;
  else ctx.request.max_tokens = tokens;
}

const maxOf = (a: bigint, b: bigint) => (a > b ? a : b);
