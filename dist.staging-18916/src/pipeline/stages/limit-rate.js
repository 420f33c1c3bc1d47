function limitRate(rateLimiter) {
  return {
    name: "rate-limit",
    async run(ctx) {
      const admission = await rateLimiter.admit({ key: ctx.caller.key, request: ctx.request });
      ctx.admission = admission;
      ctx.exchange.onClose(() => admission.releaseSlot());
    },
    finish(ctx) {
      ctx.admission?.settle(ctx.tokens);
    }
  };
}
export {
  limitRate
};
//# sourceMappingURL=limit-rate.js.map
