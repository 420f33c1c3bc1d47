//# sourceMappingURL=resolved-catalog.js.map
