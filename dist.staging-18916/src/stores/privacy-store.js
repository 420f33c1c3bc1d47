//# sourceMappingURL=privacy-store.js.map
