function reserveBudget(billing) {
  return { name: "reserve-budget", run: (ctx) => billing.reserve(ctx) };
}
export {
  reserveBudget
};
//# sourceMappingURL=reserve-budget.js.map
