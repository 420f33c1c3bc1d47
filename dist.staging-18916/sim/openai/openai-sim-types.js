//# sourceMappingURL=openai-sim-types.js.map
