import type { FinishReason } from '../../core/canonical/finish-reason.js';

const CONTENT_FILTER = new Set(['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY', 'IMAGE_PROHIBITED_CONTENT', 'IMAGE_RECITATION']);
const TOOL_FAILURE = new Set(['MALFORMED_FUNCTION_CALL', 'UNEXPECTED_TOOL_CALL', 'TOO_MANY_TOOL_CALLS']);

/**
 * Gemini `finishReason` → OpenRouter's set; callers keep the raw value as
 * `native_finish_reason`. Gemini ends a function call with `STOP`, so `hasToolCalls` turns
 * that into `tool_calls`. A prompt blocked before generation (`promptFeedback.blockReason`)
 * maps like a candidate blocked for the same reason.
 * @see https://ai.google.dev/api/generate-content#FinishReason
 */
export function mapGeminiFinishReason(reason: unknown, hasToolCalls: boolean): FinishReason | null {
  if (typeof reason !== 'string' || reason === '') return null;
  if (reason === 'STOP') return hasToolCalls ? 'tool_calls' : 'stop';
  if (reason === 'MAX_TOKENS') return 'length';
  if (CONTENT_FILTER.has(reason) || reason === 'OTHER_BLOCK' || reason === 'BLOCK_REASON_UNSPECIFIED') return 'content_filter';
  if (TOOL_FAILURE.has(reason)) return 'error';
  return hasToolCalls ? 'tool_calls' : 'stop';
}
