import type { TokenCounts } from '../core/canonical/usage.js';
import type { Picodollars } from '../core/money.js';
import type { ResolvedPrices } from '../routing/catalog/resolve-prices.js';

export interface CostBreakdown {
  total: Picodollars;
  prompt: Picodollars;
  completion: Picodollars;
  /** What caching saved against the uncached prompt price (negative when writes cost more). */
  cacheDiscount: Picodollars;
}

/**
 * Exact cost of one generation.
 * - `promptTokens` includes cached reads and cache writes (OpenAI's convention, which every
 *   protocol adapter normalises to); those tokens are billed at their own rates when priced.
 * - Reasoning tokens are part of `completionTokens`; with an `internal_reasoning` price they
 *   are billed at it, otherwise at the completion rate.
 * - Cache writes with a 1-hour TTL (`cacheWrite1hTokens`) use `input_cache_write_1h`; images in the
 *   prompt cost `image` each and count as prompt cost.
 * - Generated images' tokens (`completionImageTokens`, part of `completionTokens`) are billed at
 *   `image_output` when priced, otherwise at the completion rate.
 * - Zero-completion insurance: nothing is charged when no tokens were produced and the
 *   generation failed (OpenRouter's rule), decided by the caller through `charged`.
 */
export function computeCost(options: { tokens: TokenCounts; prices: ResolvedPrices; charged?: boolean }): CostBreakdown {
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
  // Images are input: they count in the prompt cost (cost_details.upstream_inference_prompt_cost).
  const prompt = tokensCost + images;

  const reasoning = BigInt(Math.min(tokens.reasoningTokens, tokens.completionTokens));
  const imageTokens = BigInt(Math.min(tokens.completionImageTokens ?? 0, tokens.completionTokens - Number(reasoning)));
  const textTokens = BigInt(tokens.completionTokens) - reasoning - imageTokens;
  const completion =
    textTokens * prices.completion +
    reasoning * (prices.internalReasoning ?? prices.completion) +
    imageTokens * (prices.imageOutput ?? prices.completion);

  const cacheDiscount = BigInt(tokens.promptTokens) * prices.prompt - tokensCost;
  return { total: prompt + completion + prices.request, prompt, completion, cacheDiscount };
}
