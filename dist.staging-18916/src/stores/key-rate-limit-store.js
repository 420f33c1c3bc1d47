//# sourceMappingURL=key-rate-limit-store.js.map
