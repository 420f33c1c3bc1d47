import type { TokenCounts, Usage } from '../../core/canonical/usage.js';
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

/**
 * Anthropic's `usage`: `input_tokens` excludes cache reads and writes (the canonical prompt
 * count includes them). `cost` (USD, as on /chat/completions) is Switchyard's addition.
 */
export function toAnthropicUsage(tokens: TokenCounts, usage: Usage): AnthropicUsage & { cost: number } {
  const cacheRead = Math.min(tokens.cachedReadTokens, tokens.promptTokens);
  const cacheWrite = Math.min(tokens.cacheWriteTokens, tokens.promptTokens - cacheRead);
  return {
    input_tokens: tokens.promptTokens - cacheRead - cacheWrite,
    output_tokens: tokens.completionTokens,
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
    ...(tokens.reasoningTokens > 0 ? { output_tokens_details: { thinking_tokens: tokens.reasoningTokens } } : {}),
    cost: usage.cost ?? 0,
  };
}
