//# sourceMappingURL=anthropic-sim-types.js.map
