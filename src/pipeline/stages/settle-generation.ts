import { computeCost } from '../../billing/compute-cost.js';
import { countPromptImages } from '../../billing/count-prompt-images.js';
import type { RequestBilling } from '../../billing/request-billing.js';
import { toWireUsage } from '../../billing/to-wire-usage.js';
import type { ByokFeeMeter } from '../../billing/byok-fee-meter.js';
import type { Usage } from '../../core/canonical/usage.js';
import { buildGenerationRecord } from '../generation-record.js';
import type { InferenceContext } from '../inference-context.js';
import type { InferenceStage } from '../inference-stage.js';

/**
 * Prices the generation from the served endpoint's prices and the counted tokens, and
 * returns the wire `usage`. Zero-completion insurance: a generation that produced no
 * completion tokens and ended without a finish reason (or with an error) costs nothing.
 */
function priceGeneration(ctx: InferenceContext, byokFees: ByokFeeMeter): Usage {
  const prices = ctx.served?.endpoint.prices;
  if (ctx.tokens.promptImages === undefined) {
    const images = countPromptImages(ctx.request);
    if (images > 0) ctx.tokens = { ...ctx.tokens, promptImages: images };
  }
  const charged = ctx.tokens.completionTokens > 0 || (ctx.finishReason !== null && ctx.finishReason !== 'error');
  ctx.cost = prices
    ? computeCost({ tokens: ctx.tokens, prices, charged })
    : { total: 0n, prompt: 0n, completion: 0n, cacheDiscount: 0n };
  if (ctx.served?.byok) {
    // The workspace's own key paid the provider: that list price is BYOK spend (byok_usage*), and
    // credits are charged only the optional BYOK fee.
    ctx.byokCostPico = ctx.cost.total;
    const fee = byokFees.charge(ctx.caller.key.workspaceId, ctx.cost.total);
    ctx.byokFee = fee;
    ctx.cost = { ...ctx.cost, total: fee };
  }
  return toWireUsage(ctx.tokens, ctx.cost, ctx.served?.byok ? ctx.byokCostPico : null);
}

/**
 * The one place a generation is priced and booked in the ledger: right after the relay, before
 * the client sees the priced usage or the whole result — and then the deliver stage waits until
 * the charge AND the generation record are durably committed (one group commit shared with the
 * other requests settling at that moment), so a response the client received in full is always
 * recorded and billed, even if the process is killed right after. When the request failed, was
 * cancelled or answered from the cache, its `finish` books it instead (nothing left to deliver;
 * the record stage writes the record). Exactly once either way.
 */
export function settleGeneration(deps: { billing: RequestBilling; byokFees: ByokFeeMeter }): InferenceStage {
  const price = (ctx: InferenceContext): boolean => {
    if (ctx.billing.settled) return false;
    ctx.usage = priceGeneration(ctx, deps.byokFees);
    return true;
  };
  return {
    name: 'settle',
    async run(ctx) {
      if (price(ctx)) ctx.recorded = await deps.billing.settle(ctx, buildGenerationRecord(ctx));
    },
    finish(ctx) {
      if (price(ctx)) void deps.billing.settle(ctx);
    },
  };
}
