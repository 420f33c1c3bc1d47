import type { TokenCounts } from '../../core/canonical/usage.js';
import type { GeminiUsageMetadata } from './gemini-api.js';

/**
 * Gemini `usageMetadata` → canonical counts. Gemini's prompt count already includes cached
 * tokens (as OpenAI's does); its candidates count excludes thoughts, so completion tokens are
 * candidates + thoughts and reasoning tokens are the thoughts, as OpenRouter reports them.
 * Tool-use prompt tokens (code execution, search) are billed as prompt. Image models count their
 * images in `candidatesTokenCount` and break them out by modality: the IMAGE entry becomes
 * `completionImageTokens` (billed at the `image_output` price).
 * @see https://ai.google.dev/api/generate-content#UsageMetadata
 */
export function convertGeminiUsage(usage: GeminiUsageMetadata | undefined): TokenCounts | undefined {
  if (!usage || typeof usage !== 'object') return undefined;
  const thoughts = count(usage.thoughtsTokenCount);
  const images = imageTokens(usage.candidatesTokensDetails);
  return {
    promptTokens: count(usage.promptTokenCount) + count(usage.toolUsePromptTokenCount),
    completionTokens: count(usage.candidatesTokenCount) + thoughts,
    cachedReadTokens: count(usage.cachedContentTokenCount),
    cacheWriteTokens: 0,
    reasoningTokens: thoughts,
    ...(images > 0 ? { completionImageTokens: images } : {}),
  };
}

/** Output tokens of the IMAGE modality (image models report them per modality in `candidatesTokensDetails`). */
function imageTokens(details: GeminiUsageMetadata['candidatesTokensDetails']): number {
  if (!Array.isArray(details)) return 0;
  let total = 0;
  for (const entry of details) if (entry && entry.modality === 'IMAGE') total += count(entry.tokenCount);
  return total;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}
