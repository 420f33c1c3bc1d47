//# sourceMappingURL=budget-limit.js.map
