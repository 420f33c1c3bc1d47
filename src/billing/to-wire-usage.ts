import type { TokenCounts, Usage } from '../core/canonical/usage.js';
import type { CostBreakdown } from './compute-cost.js';
import { usdToNumber } from '../core/money.js';

/**
 * OpenRouter's `usage` object: token counts, details, and cost as USD numbers. `upstreamCost` is
 * set for BYOK generations only (what the provider charged the workspace's own key; `cost` is
 * then the BYOK fee charged to credits).
 */
export function toWireUsage(tokens: TokenCounts, cost: CostBreakdown, upstreamCost: bigint | null): Usage {
  const isByok = upstreamCost !== null;
  return {
    prompt_tokens: tokens.promptTokens,
    completion_tokens: tokens.completionTokens,
    total_tokens: tokens.promptTokens + tokens.completionTokens,
    cost: usdToNumber(cost.total),
    is_byok: isByok,
    prompt_tokens_details: { cached_tokens: tokens.cachedReadTokens, cache_write_tokens: tokens.cacheWriteTokens, audio_tokens: 0 },
    cost_details: {
      upstream_inference_cost: upstreamCost === null ? null : usdToNumber(upstreamCost),
      upstream_inference_prompt_cost: usdToNumber(cost.prompt),
      upstream_inference_completions_cost: usdToNumber(cost.completion),
    },
    completion_tokens_details: { reasoning_tokens: tokens.reasoningTokens, image_tokens: tokens.completionImageTokens ?? 0 },
  };
}
