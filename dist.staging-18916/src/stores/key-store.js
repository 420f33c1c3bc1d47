//# sourceMappingURL=key-store.js.map
