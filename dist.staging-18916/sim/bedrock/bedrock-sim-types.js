//# sourceMappingURL=bedrock-sim-types.js.map
