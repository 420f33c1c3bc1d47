import type { TokenCounts } from '../../core/canonical/usage.js';
import type { GeminiUsageMetadata } from './gemini-api.js';

/**
 * Gemini `usageMetadata` → canonical counts. Gemini's prompt count already includes cached
 * tokens (as OpenAI's does); its candidates count excludes thoughts, so completion tokens are
 * candidates + thoughts and reasoning tokens are the thoughts, as OpenRouter reports them.
 * Tool-use prompt tokens (code execution, search) are billed as prompt.
 * @see https://ai.google.dev/api/generate-content#UsageMetadata
 */
export function convertGeminiUsage(usage: GeminiUsageMetadata | undefined): TokenCounts | undefined {
  if (!usage || typeof usage !== 'object') return undefined;
  const thoughts = count(usage.thoughtsTokenCount);
  return {
    promptTokens: count(usage.promptTokenCount) + count(usage.toolUsePromptTokenCount),
    completionTokens: count(usage.candidatesTokenCount) + thoughts,
    cachedReadTokens: count(usage.cachedContentTokenCount),
    cacheWriteTokens: 0,
    reasoningTokens: thoughts,
  };
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}
