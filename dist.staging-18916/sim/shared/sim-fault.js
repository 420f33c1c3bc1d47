//# sourceMappingURL=sim-fault.js.map
