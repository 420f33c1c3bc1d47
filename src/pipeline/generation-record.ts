import type { GenerationRecord } from '../stores/generation-store.js';
import type { InferenceContext } from './inference-context.js';

/** The generation record of a request, as it stands now (the settle stage stores it with the charge). */
export function buildGenerationRecord(ctx: InferenceContext): GenerationRecord {
  const finishedAt = ctx.finishedAt ?? Date.now();
  const served = ctx.served;
  return {
    id: ctx.generationId,
    keyHash: ctx.caller.key.hash,
    workspaceId: ctx.caller.key.workspaceId,
    model: served?.model.model.id ?? ctx.cacheHit?.model ?? ctx.request.model ?? '',
    providerName: served?.endpoint.provider.name ?? ctx.cacheHit?.providerName ?? null,
    upstreamId: ctx.upstreamId,
    apiType: ctx.apiType,
    createdAt: ctx.startedAt,
    streamed: ctx.stream,
    cancelled: ctx.cancelled,
    status: ctx.status,
    finishReason: ctx.finishReason,
    nativeFinishReason: ctx.nativeFinishReason,
    latencyMs: ctx.firstByteAt === undefined ? null : ctx.firstByteAt - ctx.startedAt,
    generationTimeMs: finishedAt - ctx.startedAt,
    promptTokens: ctx.tokens.promptTokens,
    completionTokens: ctx.tokens.completionTokens,
    reasoningTokens: ctx.tokens.reasoningTokens,
    cachedTokens: ctx.tokens.cachedReadTokens,
    cacheWriteTokens: ctx.tokens.cacheWriteTokens,
    completionImageTokens: ctx.tokens.completionImageTokens ?? 0,
    costPico: ctx.cost?.total ?? 0n,
    upstreamCostPico: served?.byok ? ctx.byokCostPico : null,
    cacheDiscountPico: ctx.cost?.cacheDiscount ?? null,
    isByok: served?.byok === true,
    externalUser: ctx.request.user ?? null,
    sessionId: ctx.request.session_id ?? null,
    attempts: ctx.attempts,
    responseCacheSourceId: ctx.cacheHit?.sourceId ?? null,
    batchId: ctx.exchange.batchId ?? null,
  };
}
