import type { FinishReason } from '../../core/canonical/finish-reason.js';
import { toGeneratedImage, type GeneratedImage } from '../../core/canonical/generated-image.js';
import type { TokenCounts } from '../../core/canonical/usage.js';

/** The parts of an OpenAI Responses `response` object the image path reads. */
export interface OpenAIImageResponse {
  id?: string;
  status?: string;
  output?: Array<Record<string, unknown>>;
  incomplete_details?: { reason?: string } | null;
  usage?: {
    input_tokens?: number;
    input_tokens_details?: { cached_tokens?: number };
    output_tokens?: number;
    output_tokens_details?: { reasoning_tokens?: number };
  } | null;
  /** The hosted image tool's own usage (the GPT Image model's tokens). */
  tool_usage?: { image_gen?: { input_tokens?: number; output_tokens?: number } };
  error?: { code?: string; message?: string } | null;
}

/** A generated image from an `image_generation_call` item with its base64 `result`. */
export function readImageCall(item: Record<string, unknown>): GeneratedImage | undefined {
  if (item.type !== 'image_generation_call' || typeof item.result !== 'string' || item.result === '') return undefined;
  const format = typeof item.output_format === 'string' ? item.output_format : 'png';
  return toGeneratedImage(`image/${format}`, item.result);
}

/**
 * Token counts of an image response: the chat model's `usage` plus the image tool's
 * `tool_usage.image_gen` (its input tokens count as prompt, its output tokens as completion and
 * as `completionImageTokens`, billed at `image_output`).
 */
export function readImageUsage(response: OpenAIImageResponse): TokenCounts | undefined {
  const usage = response.usage;
  if (!usage) return undefined;
  const image = response.tool_usage?.image_gen;
  const imageOut = count(image?.output_tokens);
  return {
    promptTokens: count(usage.input_tokens) + count(image?.input_tokens),
    completionTokens: count(usage.output_tokens) + imageOut,
    cachedReadTokens: count(usage.input_tokens_details?.cached_tokens),
    cacheWriteTokens: 0,
    reasoningTokens: count(usage.output_tokens_details?.reasoning_tokens),
    ...(imageOut > 0 ? { completionImageTokens: imageOut } : {}),
  };
}

/** `status` (+ `incomplete_details.reason`) → finish reason; the native reason is the raw status. */
export function readImageFinish(response: OpenAIImageResponse): { finishReason: FinishReason; native: string } {
  if (response.status === 'incomplete') {
    const reason = response.incomplete_details?.reason ?? 'incomplete';
    return { finishReason: reason === 'content_filter' ? 'content_filter' : 'length', native: reason };
  }
  if (response.status === 'failed') return { finishReason: 'error', native: 'failed' };
  return { finishReason: 'stop', native: response.status ?? 'completed' };
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}
