import type { TokenCounts } from '../../core/canonical/usage.js';
import type { BedrockUsage } from './bedrock-converse-api.js';

/**
 * Reads Converse usage into TokenCounts. Bedrock's `inputTokens` excludes cache reads and
 * writes, while Switchyard's prompt count includes them (OpenAI's convention, which
 * compute-cost.ts expects), so they are added back. Reasoning tokens are not reported
 * separately; they are inside `outputTokens` and billed as completion.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_TokenUsage.html
 */
export function convertBedrockUsage(usage: BedrockUsage | undefined): TokenCounts | undefined {
  if (!usage || typeof usage !== 'object') return undefined;
  const cachedRead = count(usage.cacheReadInputTokens);
  const cacheWrite = count(usage.cacheWriteInputTokens);
  return {
    promptTokens: count(usage.inputTokens) + cachedRead + cacheWrite,
    completionTokens: count(usage.outputTokens),
    cachedReadTokens: cachedRead,
    cacheWriteTokens: cacheWrite,
    reasoningTokens: 0,
  };
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}
