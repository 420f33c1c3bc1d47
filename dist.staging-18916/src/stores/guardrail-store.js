//# sourceMappingURL=guardrail-store.js.map
