//# sourceMappingURL=generation-store.js.map
