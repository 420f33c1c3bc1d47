//# sourceMappingURL=audit-store.js.map
