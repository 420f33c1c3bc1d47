//# sourceMappingURL=sim-base-types.js.map
