import { formatUsd } from '../core/money.js';
import { generationOutcome, type GenerationRecord } from '../stores/generation-store.js';

/** Prompt and completion of a generation whose content may be exported, as the content log kept them (JSON text). */
export interface GenerationContent {
  input: string;
  output: string;
}

/** A generation waiting in the export queue: its record, and its content only where export of content is allowed. */
export interface PendingGeneration {
  record: GenerationRecord;
  content: GenerationContent | undefined;
}

/**
 * One generation in an export batch: the metadata of `GET /generation` (same field names, costs as
 * exact USD strings), plus `content` only when it was allowed. Never a key, only its hash.
 */
export function encodeExportedGeneration({ record, content }: PendingGeneration): Record<string, unknown> {
  return {
    id: record.id,
    created_at: new Date(record.createdAt).toISOString(),
    workspace_id: record.workspaceId,
    key_hash: record.keyHash,
    model: record.model,
    provider_name: record.providerName,
    upstream_id: record.upstreamId,
    api_type: record.apiType,
    streamed: record.streamed,
    cancelled: record.cancelled,
    status: record.status,
    outcome: generationOutcome(record),
    finish_reason: record.finishReason,
    native_finish_reason: record.nativeFinishReason,
    latency: record.latencyMs,
    generation_time: record.generationTimeMs,
    tokens_prompt: record.promptTokens,
    tokens_completion: record.completionTokens,
    native_tokens_reasoning: record.reasoningTokens,
    native_tokens_cached: record.cachedTokens,
    native_tokens_cache_write: record.cacheWriteTokens,
    native_tokens_completion_images: record.completionImageTokens ?? 0,
    total_cost: formatUsd(record.costPico),
    cache_discount: record.cacheDiscountPico == null ? null : formatUsd(record.cacheDiscountPico),
    upstream_inference_cost: record.upstreamCostPico === null ? null : formatUsd(record.upstreamCostPico),
    is_byok: record.isByok,
    external_user: record.externalUser,
    session_id: record.sessionId,
    response_cache_source_id: record.responseCacheSourceId,
    provider_responses: record.attempts.map((attempt) => ({
      provider_name: attempt.provider,
      model_permaslug: attempt.model,
      status: attempt.status,
      latency: attempt.latencyMs,
      is_byok: attempt.isByok === true,
    })),
    ...(content ? { content: { input: parseOrText(content.input), output: parseOrText(content.output) } } : {}),
  };
}

/** The content log keeps JSON text; a receiver gets it as JSON (or as text if it ever was not). */
function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
