function detectBedrockModelFamily(modelId) {
  const id = modelId.slice(modelId.lastIndexOf("/") + 1).toLowerCase();
  if (/(^|\.)anthropic\./.test(id)) return "anthropic";
  if (/(^|\.)amazon\.nova-2/.test(id)) return "nova-2";
  if (/(^|\.)amazon\.nova/.test(id)) return "nova";
  if (/(^|\.)mistral\./.test(id)) return "mistral";
  return "other";
}
function supportsCachePoints(family) {
  return family === "anthropic" || family === "nova" || family === "nova-2";
}
export {
  detectBedrockModelFamily,
  supportsCachePoints
};
//# sourceMappingURL=detect-bedrock-model-family.js.map
