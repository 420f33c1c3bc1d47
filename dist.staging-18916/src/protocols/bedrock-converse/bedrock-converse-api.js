//# sourceMappingURL=bedrock-converse-api.js.map
