//# sourceMappingURL=store-set.js.map
