import { GatewayError } from "../../core/errors/gateway-error.js";
import { classifyPrompt } from "./classify-prompt.js";
const DEFAULT_AUTO_TIERS = [
  {
    name: "small",
    models: ["openai/gpt-5-nano", "openai/gpt-4.1-nano", "openai/gpt-4o-mini", "google/gemini-2.5-flash-lite", "mistralai/mistral-small-3.2-24b-instruct", "meta-llama/llama-3.3-70b-instruct"]
  },
  {
    name: "medium",
    models: ["openai/gpt-5-mini", "openai/gpt-4.1-mini", "google/gemini-2.5-flash", "deepseek/deepseek-chat", "qwen/qwen3-coder", "anthropic/claude-haiku-4.5"]
  },
  {
    name: "large",
    models: ["openai/gpt-5", "google/gemini-2.5-pro", "openai/o4-mini", "deepseek/deepseek-r1", "openai/gpt-4.1", "anthropic/claude-sonnet-4.5", "anthropic/claude-sonnet-4"]
  }
];
const AUTO_MODEL_IDS = /* @__PURE__ */ new Set(["openrouter/auto", "switchyard/auto"]);
const COST_TIER_FLOOR = { low: 0, medium: 1, high: 2, xhigh: 99, max: 99 };
const DIFFICULTY_TIER = { easy: 0, medium: 1, hard: 2 };
const MAX_FALLBACKS = 3;
function chooseAutoModel(options) {
  const { catalog, request, constraints, tiers } = options;
  const plugin = readPlugin(request);
  const verdict = classifyPrompt(request);
  const needed = Math.min(tiers.length - 1, Math.max(DIFFICULTY_TIER[verdict.difficulty], COST_TIER_FLOOR[plugin.cost_tier ?? "low"] ?? 0));
  const allowed = plugin.allowed_models?.map(wildcard);
  const excluded = plugin.excluded_models?.map(wildcard);
  const wantsTools = Array.isArray(request.tools) && request.tools.length > 0;
  const promptChars = JSON.stringify(request.messages ?? []).length;
  const eligible = (model) => {
    const id = model.model.id;
    if (allowed && !allowed.some((pattern) => pattern.test(id))) return false;
    if (excluded?.some((pattern) => pattern.test(id))) return false;
    if (constraints.allowedModels && !constraints.allowedModels.ids.some((allowedId) => allowedId.toLowerCase() === id.toLowerCase())) return false;
    if (wantsTools && !model.model.supported_parameters.includes("tools")) return false;
    if (model.model.context_length !== null && promptChars / 4 > model.model.context_length) return false;
    return true;
  };
  const ranked = [];
  for (let index = needed; index < tiers.length; index += 1) {
    const tier = tiers[index];
    const models = tier.models.map((id) => catalog.models.get(id)).filter((model) => model !== void 0 && eligible(model)).sort((a, b) => Number(blendedPrice(a) - blendedPrice(b)));
    for (const model of models) if (!ranked.some((entry) => entry.model === model)) ranked.push({ model, tier });
  }
  const first = ranked[0];
  if (!first) {
    throw new GatewayError("no_endpoints", {
      message: "No models match your request and model restrictions",
      metadata: { availability: { code: "no_endpoints", requested_models: ["openrouter/auto"], task_type: verdict.taskType, difficulty: verdict.difficulty } }
    });
  }
  return {
    model: first.model.model.id,
    taskType: verdict.taskType,
    difficulty: verdict.difficulty,
    tier: first.tier.name,
    reason: `${verdict.taskType} prompt of ${verdict.difficulty} difficulty (${verdict.signals.join(", ")}): cheapest eligible model of tier "${first.tier.name}"`,
    fallbacks: ranked.slice(1, 1 + MAX_FALLBACKS).map((entry) => entry.model.model.id)
  };
}
function blendedPrice(model) {
  let best;
  for (const endpoint of model.endpoints) {
    const price = endpoint.prices.prompt + endpoint.prices.completion;
    if (best === void 0 || price < best) best = price;
  }
  return best ?? 0n;
}
function readPlugin(request) {
  const plugins = Array.isArray(request.plugins) ? request.plugins : [];
  const entry = plugins.find((plugin) => plugin && plugin.id === "auto-router" && plugin.enabled !== false);
  if (!entry) return {};
  const list = (value) => Array.isArray(value) ? value.filter((item) => typeof item === "string") : void 0;
  return { allowed_models: list(entry.allowed_models), excluded_models: list(entry.excluded_models), cost_tier: typeof entry.cost_tier === "string" ? entry.cost_tier : void 0 };
}
function wildcard(pattern) {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
  return new RegExp(`^${escaped}$`, "i");
}
export {
  AUTO_MODEL_IDS,
  DEFAULT_AUTO_TIERS,
  chooseAutoModel
};
//# sourceMappingURL=choose-auto-model.js.map
