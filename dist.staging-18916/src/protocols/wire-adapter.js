//# sourceMappingURL=wire-adapter.js.map
