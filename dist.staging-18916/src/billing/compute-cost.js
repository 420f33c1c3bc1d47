function computeCost(options) {
  const { tokens, prices } = options;
  if (options.charged === false) return { total: 0n, prompt: 0n, completion: 0n, cacheDiscount: 0n };
  const cachedRead = BigInt(Math.min(tokens.cachedReadTokens, tokens.promptTokens));
  const cacheWrite = BigInt(Math.min(tokens.cacheWriteTokens, tokens.promptTokens - Number(cachedRead)));
  const uncached = BigInt(tokens.promptTokens) - cachedRead - cacheWrite;
  const readPrice = prices.inputCacheRead ?? prices.prompt;
  const writePrice = prices.inputCacheWrite ?? prices.prompt;
  const write1h = BigInt(Math.min(tokens.cacheWrite1hTokens ?? 0, Number(cacheWrite)));
  const write1hPrice = prices.inputCacheWrite1h ?? writePrice;
  const images = BigInt(tokens.promptImages ?? 0) * prices.image;
  const tokensCost = uncached * prices.prompt + cachedRead * readPrice + (cacheWrite - write1h) * writePrice + write1h * write1hPrice;
  const prompt = tokensCost + images;
  const reasoning = BigInt(Math.min(tokens.reasoningTokens, tokens.completionTokens));
  const completion = prices.internalReasoning === null ? BigInt(tokens.completionTokens) * prices.completion : (BigInt(tokens.completionTokens) - reasoning) * prices.completion + reasoning * prices.internalReasoning;
  const cacheDiscount = BigInt(tokens.promptTokens) * prices.prompt - tokensCost;
  return { total: prompt + completion + prices.request, prompt, completion, cacheDiscount };
}
export {
  computeCost
};
//# sourceMappingURL=compute-cost.js.map
