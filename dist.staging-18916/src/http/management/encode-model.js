import { endpointKey } from "../../routing/health/endpoint-health.js";
function encodeModel(model) {
  return {
    id: model.id,
    canonical_slug: model.canonical_slug,
    hugging_face_id: model.hugging_face_id,
    name: model.name,
    created: model.created,
    description: model.description,
    context_length: model.context_length,
    architecture: model.architecture,
    pricing: model.pricing,
    top_provider: model.top_provider,
    per_request_limits: null,
    supported_parameters: model.supported_parameters,
    default_parameters: null,
    supported_voices: null,
    knowledge_cutoff: model.knowledge_cutoff,
    expiration_date: null,
    ...model.reasoning ? { reasoning: model.reasoning } : {},
    links: { details: `/api/v1/models/${model.id}/endpoints` }
  };
}
function encodeModelEndpoints(resolved, statsOf) {
  const { model } = resolved;
  return {
    id: model.id,
    name: model.name,
    created: model.created,
    description: model.description,
    architecture: model.architecture,
    endpoints: resolved.endpoints.map((endpoint) => encodePublicEndpoint(model, endpoint, statsOf?.(endpointKey(model.id, endpoint.provider.id))))
  };
}
function encodePublicEndpoint(model, { provider, entry }, stats) {
  return {
    name: `${provider.name} | ${model.id}`,
    model_id: model.canonical_slug,
    model_name: model.name,
    context_length: entry.context_length,
    max_completion_tokens: entry.max_completion_tokens,
    max_prompt_tokens: null,
    pricing: entry.pricing,
    provider_name: provider.name,
    tag: provider.id,
    quantization: entry.quantization,
    status: stats?.status ?? 0,
    supported_parameters: entry.supported_parameters,
    supports_implicit_caching: entry.pricing.input_cache_read !== void 0 && entry.pricing.input_cache_write === void 0,
    uptime_last_5m: stats?.uptime5m ?? null,
    uptime_last_30m: stats?.uptime30m ?? null,
    uptime_last_1d: stats?.uptime1d ?? null,
    latency_last_30m: stats?.latency30m ?? null,
    throughput_last_30m: stats?.throughput30m ?? null
  };
}
export {
  encodeModel,
  encodeModelEndpoints,
  encodePublicEndpoint
};
//# sourceMappingURL=encode-model.js.map
