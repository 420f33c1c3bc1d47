import type { TokenCounts } from '../../core/canonical/usage.js';

interface OpenAIUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number; cache_write_tokens?: number } | null;
  completion_tokens_details?: { reasoning_tokens?: number; image_tokens?: number } | null;
  /** DeepSeek's names for cache hits. */
  prompt_cache_hit_tokens?: number;
}

/**
 * Reads an OpenAI-compatible `usage` object. Cached and reasoning tokens are included in
 * prompt/completion counts (OpenAI's convention), which is what compute-cost.ts expects.
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage
 */
export function convertOpenAIUsage(usage: unknown): TokenCounts | undefined {
  if (!usage || typeof usage !== 'object') return undefined;
  const value = usage as OpenAIUsage;
  return {
    promptTokens: count(value.prompt_tokens),
    completionTokens: count(value.completion_tokens),
    cachedReadTokens: count(value.prompt_tokens_details?.cached_tokens ?? value.prompt_cache_hit_tokens),
    cacheWriteTokens: count(value.prompt_tokens_details?.cache_write_tokens),
    reasoningTokens: count(value.completion_tokens_details?.reasoning_tokens),
    ...(count(value.completion_tokens_details?.image_tokens) > 0 ? { completionImageTokens: count(value.completion_tokens_details?.image_tokens) } : {}),
  };
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}
