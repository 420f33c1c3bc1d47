import { budgetError } from "./budget-error.js";
import { scopesForRequest } from "./budget-scopes.js";
import { estimateWorstCase } from "./estimate-worst-case.js";
const MIN_USEFUL_OUTPUT_TOKENS = 64;
const newBillingState = () => ({ scopes: void 0, reserved: 0n, settled: false });
class RequestBilling {
  #ledger;
  #directory;
  #now;
  #log;
  constructor(options) {
    this.#ledger = options.ledger;
    this.#directory = options.directory;
    this.#now = options.now ?? (() => /* @__PURE__ */ new Date());
    this.#log = options.log;
  }
  get now() {
    return this.#now();
  }
  async reserve(ctx) {
    const scopes = scopesForRequest({ key: ctx.caller.key, directory: this.#directory, extra: ctx.budgets });
    ctx.billing.scopes = scopes.map((scope) => scope.scope);
    if (!scopes.some((scope) => scope.cap !== null)) return;
    const worst = estimateWorstCase(ctx.request, ctx.plan);
    const full = worst.cost(worst.outputTokens);
    const minOutput = Math.min(worst.outputTokens, MIN_USEFUL_OUTPUT_TOKENS);
    const minimum = full === 0n ? 0n : maxOf(1n, worst.cost(minOutput));
    const now = this.#now();
    const outcome = await this.#ledger.reserve({ generationId: ctx.generationId, scopes, amount: full, minimum, now });
    if (!outcome.ok) {
      const affordable = outcome.available > 0n ? worst.affordableOutput(outcome.available) : 0;
      throw budgetError({ scope: outcome.blocking, exhausted: outcome.available <= 0n, requestedTokens: worst.outputTokens, affordableTokens: affordable, now });
    }
    ctx.billing.reserved = outcome.reserved;
    if (outcome.reserved < full) setMaxTokens(ctx, worst.affordableOutput(outcome.reserved));
    else if (worst.assumedOutput) setMaxTokens(ctx, worst.outputTokens);
  }
  /** Books ctx.cost once; never throws (a ledger failure is logged; the hold is freed at restart). */
  settle(ctx) {
    if (ctx.billing.settled) return;
    ctx.billing.settled = true;
    const amount = ctx.cost?.total ?? 0n;
    const served = ctx.served;
    if (amount === 0n && ctx.billing.reserved === 0n && !served && ctx.byokCostPico === 0n) return;
    const scopes = ctx.billing.scopes ?? scopesForRequest({ key: ctx.caller.key, directory: this.#directory, extra: ctx.budgets }).map((scope) => scope.scope);
    this.#ledger.settle({
      generationId: ctx.generationId,
      workspaceId: ctx.caller.key.workspaceId,
      keyHash: ctx.caller.key.hash,
      scopes,
      amount,
      byokAmount: ctx.byokCostPico,
      now: this.#now(),
      activity: served ? {
        model: served.model.model.id,
        providerName: served.endpoint.provider.name,
        promptTokens: ctx.tokens.promptTokens,
        completionTokens: ctx.tokens.completionTokens,
        reasoningTokens: ctx.tokens.reasoningTokens
      } : null
    }).catch((error) => this.#log.error({ err: error, generationId: ctx.generationId }, "ledger settlement failed"));
  }
}
function setMaxTokens(ctx, tokens) {
  if (ctx.request.max_completion_tokens !== void 0) ctx.request.max_completion_tokens = tokens;
  else ctx.request.max_tokens = tokens;
}
const maxOf = (a, b) => a > b ? a : b;
export {
  MIN_USEFUL_OUTPUT_TOKENS,
  RequestBilling,
  newBillingState
};
//# sourceMappingURL=request-billing.js.map
