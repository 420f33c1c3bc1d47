const EFFORT_RATIO = { max: 0.95, xhigh: 0.95, high: 0.8, medium: 0.5, low: 0.2, minimal: 0.1 };
const MIN_BUDGET = 1024;
const MAX_BUDGET = 128e3;
const FALLBACK_MAX_TOKENS = 4096;
function resolveAnthropicThinking(request, maxOutputTokens) {
  const explicit = positive(request.max_completion_tokens) ?? positive(request.max_tokens);
  const limit = positive(maxOutputTokens);
  let maxTokens = explicit ?? limit ?? FALLBACK_MAX_TOKENS;
  const reasoning = request.reasoning ?? {};
  const effort = typeof reasoning.effort === "string" ? reasoning.effort : typeof request.reasoning_effort === "string" ? request.reasoning_effort : void 0;
  if (reasoning.enabled === false || effort === "none") return { maxTokens, budgetTokens: void 0 };
  let budget;
  const requestedBudget = positive(reasoning.max_tokens);
  if (requestedBudget !== void 0) budget = requestedBudget;
  else if (effort !== void 0 || reasoning.enabled === true || request.model?.endsWith(":thinking")) {
    budget = Math.floor(maxTokens * (EFFORT_RATIO[effort ?? "medium"] ?? 0.5));
  }
  if (budget === void 0) return { maxTokens, budgetTokens: void 0 };
  budget = Math.min(Math.max(budget, MIN_BUDGET), MAX_BUDGET);
  if (budget >= maxTokens) {
    maxTokens = budget + (explicit ?? FALLBACK_MAX_TOKENS);
    if (limit !== void 0 && limit > budget) maxTokens = Math.min(maxTokens, limit);
  }
  return { maxTokens, budgetTokens: budget };
}
function positive(value) {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? Math.floor(value) : void 0;
}
export {
  FALLBACK_MAX_TOKENS,
  resolveAnthropicThinking
};
//# sourceMappingURL=resolve-anthropic-thinking.js.map
