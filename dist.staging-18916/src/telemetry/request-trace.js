//# sourceMappingURL=request-trace.js.map
