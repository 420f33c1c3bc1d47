const ZERO_TOKENS = Object.freeze({
  promptTokens: 0,
  completionTokens: 0,
  cachedReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0
});
export {
  ZERO_TOKENS
};
//# sourceMappingURL=usage.js.map
