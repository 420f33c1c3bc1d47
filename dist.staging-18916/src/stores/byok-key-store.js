//# sourceMappingURL=byok-key-store.js.map
