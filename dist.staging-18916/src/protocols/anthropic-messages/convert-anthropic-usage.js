function convertAnthropicUsage(usage) {
  if (!usage || typeof usage !== "object") return void 0;
  const cachedRead = count(usage.cache_read_input_tokens);
  const cacheWrite = count(usage.cache_creation_input_tokens);
  const completion = count(usage.output_tokens);
  return {
    promptTokens: count(usage.input_tokens) + cachedRead + cacheWrite,
    completionTokens: completion,
    cachedReadTokens: cachedRead,
    cacheWriteTokens: cacheWrite,
    reasoningTokens: Math.min(count(usage.output_tokens_details?.thinking_tokens), completion)
  };
}
function count(value) {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}
function toAnthropicUsage(tokens, usage) {
  const cacheRead = Math.min(tokens.cachedReadTokens, tokens.promptTokens);
  const cacheWrite = Math.min(tokens.cacheWriteTokens, tokens.promptTokens - cacheRead);
  return {
    input_tokens: tokens.promptTokens - cacheRead - cacheWrite,
    output_tokens: tokens.completionTokens,
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
    ...tokens.reasoningTokens > 0 ? { output_tokens_details: { thinking_tokens: tokens.reasoningTokens } } : {},
    cost: usage.cost ?? 0
  };
}
export {
  convertAnthropicUsage,
  toAnthropicUsage
};
//# sourceMappingURL=convert-anthropic-usage.js.map
