const NO_CREDITS_HISTORY = { totalCreditsAddedPico: () => 0n };
export {
  NO_CREDITS_HISTORY
};
//# sourceMappingURL=credits-history.js.map
