import type { TokenCounts } from '../../core/canonical/usage.js';
import type { AnthropicUsage } from './anthropic-messages-api.js';

/**
 * Anthropic usage → canonical token counts. Anthropic's `input_tokens` excludes cached
 * tokens; the canonical prompt count includes them (OpenAI's convention, which billing
 * expects): prompt = input + cache_read + cache_creation, with cache reads and writes
 * reported separately so they are priced at their own rates. `output_tokens` already
 * includes thinking; `output_tokens_details.thinking_tokens` gives the reasoning share.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching#tracking-cache-performance
 */
export function convertAnthropicUsage(usage: Partial<AnthropicUsage> | null | undefined): TokenCounts | undefined {
  if (!usage || typeof usage !== 'object') return undefined;
  const cachedRead = count(usage.cache_read_input_tokens);
  const cacheWrite = count(usage.cache_creation_input_tokens);
  const completion = count(usage.output_tokens);
  return {
    promptTokens: count(usage.input_tokens) + cachedRead + cacheWrite,
    completionTokens: completion,
    cachedReadTokens: cachedRead,
    cacheWriteTokens: cacheWrite,
    reasoningTokens: Math.min(count(usage.output_tokens_details?.thinking_tokens), completion),
  };
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}
