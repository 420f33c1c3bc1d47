//# sourceMappingURL=catalog-types.js.map
