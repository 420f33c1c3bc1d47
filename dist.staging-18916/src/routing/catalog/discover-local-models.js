import { request } from "undici";
const LOCAL_PARAMETERS = ["max_tokens", "temperature", "top_p", "top_k", "stop", "seed", "frequency_penalty", "presence_penalty", "tools", "tool_choice", "response_format"];
async function discoverLocalModels(provider, timeoutMs = 500) {
  try {
    const response = await request(`${provider.baseUrl}/models`, {
      headers: provider.apiKey ? { authorization: `Bearer ${provider.apiKey}` } : {},
      signal: AbortSignal.timeout(timeoutMs)
    });
    if (response.statusCode !== 200) {
      await response.body.dump();
      return void 0;
    }
    const body = await response.body.json();
    const ids = (body.data ?? []).map((entry) => entry.id).filter((id) => typeof id === "string");
    return ids.map((name) => toCatalogModel(provider, name));
  } catch {
    return void 0;
  }
}
function toCatalogModel(provider, name) {
  const free = { prompt: "0", completion: "0" };
  return {
    id: `${provider.id}/${name}`,
    canonical_slug: `${provider.id}/${name}`,
    name: `${provider.name}: ${name}`,
    created: 0,
    description: `${name} served by the local ${provider.name} server at ${provider.baseUrl}`,
    hugging_face_id: null,
    context_length: null,
    architecture: { modality: "text->text", input_modalities: ["text"], output_modalities: ["text"], tokenizer: "Other", instruct_type: null },
    pricing: free,
    top_provider: { context_length: null, max_completion_tokens: null, is_moderated: false },
    supported_parameters: LOCAL_PARAMETERS,
    reasoning: null,
    knowledge_cutoff: null,
    endpoints: [
      { provider: provider.id, model: name, context_length: null, max_completion_tokens: null, pricing: free, quantization: null, supported_parameters: LOCAL_PARAMETERS }
    ]
  };
}
export {
  discoverLocalModels
};
//# sourceMappingURL=discover-local-models.js.map
