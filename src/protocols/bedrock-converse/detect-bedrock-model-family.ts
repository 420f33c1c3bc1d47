/** Model families on Bedrock whose native request fields differ. */
export type BedrockModelFamily = 'anthropic' | 'nova' | 'nova-2' | 'mistral' | 'other';

/**
 * Which family a Bedrock model id belongs to. Ids come as base ids
 * (`anthropic.claude-3-5-haiku-20241022-v1:0`), cross-region inference profiles
 * (`us.anthropic.…`, `global.anthropic.…`) or ARNs whose last segment is one of those; an
 * ARN of a provisioned or custom model names no family and gets only portable fields.
 */
export function detectBedrockModelFamily(modelId: string): BedrockModelFamily {
  const id = modelId.slice(modelId.lastIndexOf('/') + 1).toLowerCase();
  if (/(^|\.)anthropic\./.test(id)) return 'anthropic';
  if (/(^|\.)amazon\.nova-2/.test(id)) return 'nova-2';
  if (/(^|\.)amazon\.nova/.test(id)) return 'nova';
  if (/(^|\.)mistral\./.test(id)) return 'mistral';
  return 'other';
}

/** Families that accept `cachePoint` blocks (prompt caching on Bedrock). */
export function supportsCachePoints(family: BedrockModelFamily): boolean {
  return family === 'anthropic' || family === 'nova' || family === 'nova-2';
}
