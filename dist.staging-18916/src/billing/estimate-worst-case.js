import { countPromptImages } from "./count-prompt-images.js";
import { estimatePromptTokens } from "../core/estimate-tokens.js";
const PROMPT_MARGIN_PERCENT = 15n;
const PROMPT_MARGIN_TOKENS = 32n;
const DEFAULT_MAX_OUTPUT_TOKENS = 16384;
function estimateWorstCase(request, plan) {
  const estimate = BigInt(estimatePromptTokens(request));
  const promptTokens = estimate + estimate * PROMPT_MARGIN_PERCENT / 100n + PROMPT_MARGIN_TOKENS;
  const images = BigInt(countPromptImages(request));
  const requested = request.max_completion_tokens ?? request.max_tokens;
  let catalogMax = 0;
  const endpoints = plan.map(({ endpoint, model }) => {
    const p = endpoint.prices;
    const inputRate = [p.prompt, p.inputCacheWrite ?? 0n, p.inputCacheWrite1h ?? 0n].reduce((a, b) => b > a ? b : a);
    const contextRoom = (endpoint.entry.context_length ?? model.model.context_length ?? 0) - Number(promptTokens);
    const max = endpoint.entry.max_completion_tokens ?? (contextRoom > 0 ? contextRoom : 0);
    if (max > catalogMax) catalogMax = max;
    const outRate = p.internalReasoning !== null && p.internalReasoning > p.completion ? p.internalReasoning : p.completion;
    return { fixed: promptTokens * inputRate + p.request + images * p.image, perOutput: outRate };
  });
  const outputTokens = requested ?? (catalogMax > 0 ? catalogMax : DEFAULT_MAX_OUTPUT_TOKENS);
  return {
    promptTokens: Number(promptTokens),
    outputTokens,
    assumedOutput: requested === void 0 && catalogMax === 0,
    cost(output) {
      let worst = 0n;
      for (const endpoint of endpoints) {
        const cost = endpoint.fixed + BigInt(output) * endpoint.perOutput;
        if (cost > worst) worst = cost;
      }
      return worst;
    },
    affordableOutput(amount) {
      let affordable = outputTokens;
      for (const endpoint of endpoints) {
        if (amount < endpoint.fixed) return 0;
        if (endpoint.perOutput === 0n) continue;
        const tokens = Number((amount - endpoint.fixed) / endpoint.perOutput);
        if (tokens < affordable) affordable = tokens;
      }
      return affordable;
    }
  };
}
export {
  DEFAULT_MAX_OUTPUT_TOKENS,
  estimateWorstCase
};
//# sourceMappingURL=estimate-worst-case.js.map
