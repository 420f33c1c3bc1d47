const BUDGETS = { minimal: 512, low: 2048, medium: 8192, high: 24576, xhigh: 24576 };
function mapGeminiThinking(request, model) {
  const reasoning = request.reasoning;
  const effort = reasoning?.effort ?? (typeof request.reasoning_effort === "string" ? request.reasoning_effort : void 0);
  const wanted = reasoning !== void 0 || effort !== void 0 || request.include_reasoning === true;
  if (!wanted) return void 0;
  const off = reasoning?.enabled === false || effort === "none" || reasoning?.max_tokens === 0;
  const config = {};
  const name = model.replace(/^models\//, "");
  if (/^gemini-[3-9]/.test(name)) {
    const flash = name.includes("flash");
    if (off) config.thinkingLevel = flash ? "minimal" : "low";
    else if (effort !== void 0) config.thinkingLevel = geminiLevel(effort, flash);
  } else if (off) {
    if (name.includes("pro")) return void 0;
    config.thinkingBudget = 0;
  } else if (reasoning?.max_tokens !== void 0) {
    config.thinkingBudget = reasoning.max_tokens;
  } else if (effort !== void 0 && BUDGETS[effort] !== void 0) {
    config.thinkingBudget = BUDGETS[effort];
  }
  if (!off && reasoning?.exclude !== true) config.includeThoughts = true;
  return Object.keys(config).length > 0 ? config : void 0;
}
function geminiLevel(effort, flash) {
  if (effort === "minimal") return flash ? "minimal" : "low";
  if (effort === "low") return "low";
  if (effort === "medium") return flash ? "medium" : "high";
  return "high";
}
export {
  mapGeminiThinking
};
//# sourceMappingURL=map-gemini-thinking.js.map
