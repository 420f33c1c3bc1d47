//# sourceMappingURL=gemini-sim-types.js.map
