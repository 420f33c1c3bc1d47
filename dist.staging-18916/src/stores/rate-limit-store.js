//# sourceMappingURL=rate-limit-store.js.map
