import { DEFAULT_AZURE_API_VERSION } from "../../core/provider-types.js";
import { openAIChatAdapter } from "../openai-chat/openai-chat-adapter.js";
import { parseAzureOpenAIError } from "./azure-openai-error.js";
const azureOpenAIAdapter = {
  relaysOpenAIFrames: true,
  async buildCall(options) {
    const { provider, upstreamModel } = options;
    const call = await openAIChatAdapter.buildCall({ ...options, provider: { ...provider, apiKey: void 0 } });
    const headers = { ...call.headers };
    if (provider.apiKey) headers["api-key"] = provider.apiKey;
    return { ...call, headers, url: azureChatUrl(provider, upstreamModel) };
  },
  readResult: (bodyText, provider) => openAIChatAdapter.readResult(bodyText, provider),
  readError: (options) => parseAzureOpenAIError({ ...options, provider: options.provider.name }),
  createStreamDecoder(provider) {
    const inner = openAIChatAdapter.createStreamDecoder(provider);
    return {
      decode(event) {
        if (event.data.includes('"prompt_filter_results"') && !event.data.includes('"usage":{')) {
          const chunk = safeParse(event.data);
          if (chunk && Array.isArray(chunk.choices) && chunk.choices.length === 0 && !chunk.error) return { parts: [], done: false };
        }
        return inner.decode(event);
      }
    };
  }
};
function azureChatUrl(provider, deployment) {
  if (provider.baseUrl.endsWith("/openai/v1")) return `${provider.baseUrl}/chat/completions`;
  const version = encodeURIComponent(provider.azure?.apiVersion ?? DEFAULT_AZURE_API_VERSION);
  return `${provider.baseUrl}/openai/deployments/${encodeURIComponent(deployment)}/chat/completions?api-version=${version}`;
}
function safeParse(data) {
  try {
    return JSON.parse(data);
  } catch {
    return void 0;
  }
}
export {
  DEFAULT_AZURE_API_VERSION,
  azureChatUrl,
  azureOpenAIAdapter
};
//# sourceMappingURL=azure-openai-adapter.js.map
