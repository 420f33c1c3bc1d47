import { usdToNumber } from "../../core/money.js";
function encodeGeneration(record) {
  const cost = usdToNumber(record.costPico);
  return {
    id: record.id,
    upstream_id: record.upstreamId,
    created_at: new Date(record.createdAt).toISOString(),
    model: record.model,
    provider_name: record.providerName,
    router: null,
    app_id: null,
    origin: "",
    http_referer: null,
    user_agent: null,
    preset_id: null,
    service_tier: null,
    data_region: "global",
    web_search_engine: null,
    num_fetches: null,
    num_input_audio_prompt: null,
    api_type: "completions",
    streamed: record.streamed,
    cancelled: record.cancelled,
    status: record.status,
    finish_reason: record.finishReason,
    native_finish_reason: record.nativeFinishReason,
    latency: record.latencyMs,
    generation_time: record.generationTimeMs,
    moderation_latency: null,
    tokens_prompt: record.promptTokens,
    tokens_completion: record.completionTokens,
    native_tokens_prompt: record.promptTokens,
    native_tokens_completion: record.completionTokens,
    native_tokens_reasoning: record.reasoningTokens,
    native_tokens_cached: record.cachedTokens,
    native_tokens_completion_images: 0,
    num_media_prompt: null,
    num_media_completion: null,
    num_search_results: null,
    total_cost: cost,
    usage: cost,
    cache_discount: record.cacheDiscountPico == null ? null : usdToNumber(record.cacheDiscountPico),
    upstream_inference_cost: record.upstreamCostPico === null ? null : usdToNumber(record.upstreamCostPico),
    is_byok: record.isByok,
    external_user: record.externalUser,
    session_id: record.sessionId,
    workspace_id: record.workspaceId,
    response_cache_source_id: record.responseCacheSourceId,
    provider_responses: record.attempts.map((attempt) => ({
      provider_name: attempt.provider,
      model_permaslug: attempt.model,
      status: attempt.status,
      latency: attempt.latencyMs,
      is_byok: attempt.isByok === true
    }))
  };
}
export {
  encodeGeneration
};
//# sourceMappingURL=encode-generation.js.map
