function convertGeminiUsage(usage) {
  if (!usage || typeof usage !== "object") return void 0;
  const thoughts = count(usage.thoughtsTokenCount);
  return {
    promptTokens: count(usage.promptTokenCount) + count(usage.toolUsePromptTokenCount),
    completionTokens: count(usage.candidatesTokenCount) + thoughts,
    cachedReadTokens: count(usage.cachedContentTokenCount),
    cacheWriteTokens: 0,
    reasoningTokens: thoughts
  };
}
function count(value) {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}
export {
  convertGeminiUsage
};
//# sourceMappingURL=convert-gemini-usage.js.map
