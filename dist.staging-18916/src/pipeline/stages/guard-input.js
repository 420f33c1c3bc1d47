function guardInput(guard) {
  return { name: "guard-input", run: (ctx) => guard.guardInput(ctx) };
}
export {
  guardInput
};
//# sourceMappingURL=guard-input.js.map
