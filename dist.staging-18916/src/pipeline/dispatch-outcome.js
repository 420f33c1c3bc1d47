//# sourceMappingURL=dispatch-outcome.js.map
