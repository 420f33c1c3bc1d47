const FREE = { prompt: "0", completion: "0" };
const COMMON_PARAMETERS = ["max_tokens", "temperature", "top_p", "stop", "seed", "frequency_penalty", "presence_penalty", "tools", "tool_choice", "response_format"];
function buildCatalogModel(config, base) {
  const replaced = new Set(config.endpoints.map((endpoint) => endpoint.provider));
  const endpoints = [
    ...config.endpoints.map(
      (endpoint) => toEndpoint(endpoint, base?.endpoints.find((existing) => existing.provider === endpoint.provider), config)
    ),
    ...base?.endpoints.filter((endpoint) => !replaced.has(endpoint.provider)) ?? []
  ];
  const first = endpoints[0];
  const inputs = config.input_modalities ?? base?.architecture.input_modalities ?? ["text"];
  const outputs = base?.architecture.output_modalities ?? ["text"];
  return {
    id: config.id,
    canonical_slug: base?.canonical_slug ?? config.id,
    name: config.name ?? base?.name ?? config.id,
    created: base?.created ?? 0,
    description: config.description ?? base?.description ?? "",
    hugging_face_id: base?.hugging_face_id ?? null,
    context_length: config.context_length ?? base?.context_length ?? first.context_length,
    architecture: base?.architecture ?? {
      modality: `${inputs.join("+")}->${outputs.join("+")}`,
      input_modalities: inputs,
      output_modalities: outputs,
      tokenizer: "Other",
      instruct_type: null
    },
    pricing: base?.pricing ?? first.pricing,
    top_provider: base?.top_provider ?? {
      context_length: first.context_length,
      max_completion_tokens: first.max_completion_tokens,
      is_moderated: false
    },
    supported_parameters: base?.supported_parameters ?? first.supported_parameters,
    reasoning: base?.reasoning ?? null,
    knowledge_cutoff: base?.knowledge_cutoff ?? null,
    endpoints
  };
}
function toEndpoint(config, base, model) {
  const pricing = config.pricing ? Object.fromEntries(Object.entries(config.pricing).map(([key, value]) => [key, String(value)])) : base?.pricing ?? FREE;
  return {
    provider: config.provider,
    model: config.model,
    context_length: config.context_length ?? model.context_length ?? base?.context_length ?? null,
    max_completion_tokens: config.max_output ?? base?.max_completion_tokens ?? null,
    pricing,
    quantization: config.quantization ?? base?.quantization ?? null,
    supported_parameters: config.supported_parameters ?? base?.supported_parameters ?? COMMON_PARAMETERS,
    ...config.data_policy ? { data_policy: config.data_policy } : base?.data_policy ? { data_policy: base.data_policy } : {}
  };
}
export {
  buildCatalogModel
};
//# sourceMappingURL=build-catalog-model.js.map
