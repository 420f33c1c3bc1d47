import { DEFAULT_AZURE_API_VERSION, type Provider } from '../../core/provider-types.js';
import { openAIChatAdapter } from '../openai-chat/openai-chat-adapter.js';
import { openAIEmbeddings } from '../openai-chat/openai-embeddings.js';
import type { StreamDecoder, WireAdapter } from '../wire-adapter.js';
import { parseAzureOpenAIError } from './azure-openai-error.js';
import { getCloudCredential } from '../shared/get-cloud-credential.js';

/** Used when neither config nor AZURE_OPENAI_API_VERSION names one: the latest GA data-plane version. */
export { DEFAULT_AZURE_API_VERSION };

/**
 * Azure OpenAI: the OpenAI Chat Completions protocol with Azure's URL, `api-key` auth (or, for a
 * provider without a key, a Microsoft Entra ID bearer token from its credential) and content filtering. Everything else is the openai-chat adapter's, composed rather than copied.
 * Two URL styles, chosen by the configured base URL:
 * - `https://{resource}.openai.azure.com` → `/openai/deployments/{deployment}/chat/completions?api-version=…`
 *   where the deployment is the endpoint's upstream model name (body `model` is ignored by Azure);
 * - a base ending in `/openai/v1` (the v1 GA API) → `{base}/chat/completions`, body `model` = deployment,
 *   no api-version.
 * Azure streams are OpenAI chunks (plus `prompt_filter_results` / `content_filter_results`,
 * which clients ignore), so the relay fast path stays on.
 * @see https://learn.microsoft.com/azure/ai-foundry/openai/reference
 */
export const azureOpenAIAdapter: WireAdapter = {
  relaysOpenAIFrames: true,

  async buildCall(options) {
    const { provider, upstreamModel } = options;
    const call = await openAIChatAdapter.buildCall({ ...options, provider: { ...provider, apiKey: undefined } });
    return { ...call, headers: await azureHeaders(provider, call.headers), url: azureChatUrl(provider, upstreamModel) };
  },

  // The deployment's `/embeddings` (same body and answer as OpenAI's), Azure's URL and auth.
  embeddings: {
    async buildCalls(options) {
      const { provider, upstreamModel } = options;
      const calls = await openAIEmbeddings.buildCalls({ ...options, provider: { ...provider, apiKey: undefined } });
      const url = azureChatUrl(provider, upstreamModel).replace('/chat/completions', '/embeddings');
      return Promise.all(calls.map(async (call) => ({ ...call, url, headers: await azureHeaders(provider, call.headers) })));
    },
    readResult: (bodyTexts, provider, inputCount) => openAIEmbeddings.readResult(bodyTexts, provider, inputCount),
  },

  readResult: (bodyText, provider) => openAIChatAdapter.readResult(bodyText, provider),

  readError(options) {
    // A refused Entra ID token (expired early, revoked) is dropped so the next attempt fetches a new one.
    if (options.status === 401 && !options.provider.apiKey) options.provider.azure?.credential?.invalidate();
    return parseAzureOpenAIError({ ...options, provider: options.provider.name });
  },

  createStreamDecoder(provider: Provider): StreamDecoder {
    const inner = openAIChatAdapter.createStreamDecoder(provider);
    return {
      decode(event) {
        // Azure's first chunk has `choices: []`, `id: ""` and only `prompt_filter_results`:
        // skip it so the response id comes from the first real chunk.
        if (event.data.includes('"prompt_filter_results"') && !event.data.includes('"usage":{')) {
          const chunk = safeParse(event.data);
          if (chunk && Array.isArray(chunk.choices) && chunk.choices.length === 0 && !chunk.error) return { parts: [], done: false };
        }
        return inner.decode(event);
      },
    };
  },
};

/** `api-key`, or an Entra ID bearer token for a provider without a key. */
async function azureHeaders(provider: Provider, base: Record<string, string>): Promise<Record<string, string>> {
  const headers = { ...base };
  if (provider.apiKey) headers['api-key'] = provider.apiKey;
  else if (provider.azure?.credential) headers.authorization = `Bearer ${await getCloudCredential(provider.azure.credential, provider.name)}`;
  return headers;
}

/** The chat completions URL for a deployment (see the adapter's doc for the two styles). */
export function azureChatUrl(provider: Provider, deployment: string): string {
  if (provider.baseUrl.endsWith('/openai/v1')) return `${provider.baseUrl}/chat/completions`;
  const version = encodeURIComponent(provider.azure?.apiVersion ?? DEFAULT_AZURE_API_VERSION);
  return `${provider.baseUrl}/openai/deployments/${encodeURIComponent(deployment)}/chat/completions?api-version=${version}`;
}

function safeParse(data: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(data) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
