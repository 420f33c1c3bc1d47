function convertBedrockUsage(usage) {
  if (!usage || typeof usage !== "object") return void 0;
  const cachedRead = count(usage.cacheReadInputTokens);
  const cacheWrite = count(usage.cacheWriteInputTokens);
  return {
    promptTokens: count(usage.inputTokens) + cachedRead + cacheWrite,
    completionTokens: count(usage.outputTokens),
    cachedReadTokens: cachedRead,
    cacheWriteTokens: cacheWrite,
    reasoningTokens: 0
  };
}
function count(value) {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}
export {
  convertBedrockUsage
};
//# sourceMappingURL=convert-bedrock-usage.js.map
