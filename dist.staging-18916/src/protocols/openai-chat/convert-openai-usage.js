function convertOpenAIUsage(usage) {
  if (!usage || typeof usage !== "object") return void 0;
  const value = usage;
  return {
    promptTokens: count(value.prompt_tokens),
    completionTokens: count(value.completion_tokens),
    cachedReadTokens: count(value.prompt_tokens_details?.cached_tokens ?? value.prompt_cache_hit_tokens),
    cacheWriteTokens: count(value.prompt_tokens_details?.cache_write_tokens),
    reasoningTokens: count(value.completion_tokens_details?.reasoning_tokens)
  };
}
function count(value) {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}
export {
  convertOpenAIUsage
};
//# sourceMappingURL=convert-openai-usage.js.map
