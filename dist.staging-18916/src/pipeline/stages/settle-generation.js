import { computeCost } from "../../billing/compute-cost.js";
import { countPromptImages } from "../../billing/count-prompt-images.js";
import { toWireUsage } from "../../billing/to-wire-usage.js";
function priceGeneration(ctx, byokFees) {
  const prices = ctx.served?.endpoint.prices;
  if (ctx.tokens.promptImages === void 0) {
    const images = countPromptImages(ctx.request);
    if (images > 0) ctx.tokens = { ...ctx.tokens, promptImages: images };
  }
  const charged = ctx.tokens.completionTokens > 0 || ctx.finishReason !== null && ctx.finishReason !== "error";
  ctx.cost = prices ? computeCost({ tokens: ctx.tokens, prices, charged }) : { total: 0n, prompt: 0n, completion: 0n, cacheDiscount: 0n };
  if (ctx.served?.byok) {
    ctx.byokCostPico = ctx.cost.total;
    const fee = byokFees.charge(ctx.caller.key.workspaceId, ctx.cost.total);
    ctx.byokFee = fee;
    ctx.cost = { ...ctx.cost, total: fee };
  }
  return toWireUsage(ctx.tokens, ctx.cost, ctx.served?.byok ? ctx.byokCostPico : null);
}
function settleGeneration(deps) {
  const settle = (ctx) => {
    if (ctx.billing.settled) return;
    ctx.usage = priceGeneration(ctx, deps.byokFees);
    deps.billing.settle(ctx);
  };
  return { name: "settle", run: settle, finish: settle };
}
export {
  settleGeneration
};
//# sourceMappingURL=settle-generation.js.map
