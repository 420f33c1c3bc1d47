import { UpstreamError } from '../../core/errors/upstream-error.js';
import type { GoogleCredentials, Provider } from '../../core/provider-types.js';
import { createGeminiStreamDecoder } from '../gemini/gemini-adapter.js';
import { fromGeminiResponse } from '../gemini/from-gemini-response.js';
import { parseGeminiError } from '../gemini/gemini-error.js';
import { toGeminiRequest } from '../gemini/to-gemini-request.js';
import type { WireAdapter } from '../wire-adapter.js';
import { GoogleTokenSource } from './google-token-source.js';

/**
 * Vertex AI's Gemini API: the same body and stream as the Gemini API, sent to
 * `{host}/v1/projects/{project}/locations/{region}/publishers/google/models/{model}:…` with an
 * OAuth bearer token from the provider's Google credentials (one cached token source per
 * credential), or in express mode to `{host}/v1/publishers/google/models/{model}:…` with an
 * API key. Other publishers' models on Vertex (Claude, the MaaS models) speak other protocols
 * and are refused as retryable, so routing moves on to another endpoint.
 * @see https://cloud.google.com/vertex-ai/generative-ai/docs/reference/rest/v1/projects.locations.endpoints/generateContent
 */
export function createVertexAdapter(): WireAdapter {
  const sources = new Map<string, GoogleTokenSource>();
  const sourceFor = (credentials: GoogleCredentials) => {
    const key = `${credentials.tokenUri}\n${credentials.type === 'service_account' ? credentials.clientEmail : credentials.clientId}`;
    let source = sources.get(key);
    if (!source) {
      source = new GoogleTokenSource(credentials);
      sources.set(key, source);
    }
    return source;
  };

  return {
    relaysOpenAIFrames: false,

    async buildCall({ request, provider, upstreamModel, stream }) {
      const settings = provider.vertex;
      const model = upstreamModel.replace(/^(publishers\/google\/)?models\//, '');
      if (!settings || model.includes('/') || model.startsWith('claude-')) {
        throw new UpstreamError('upstream_error', {
          provider: provider.name,
          upstreamStatus: null,
          retryable: true,
          message: `${provider.name}: ${model} is not a Gemini model; Switchyard speaks only Vertex AI's Gemini API`,
        });
      }
      const method = stream ? 'streamGenerateContent?alt=sse' : 'generateContent';
      const headers: Record<string, string> = { 'content-type': 'application/json', ...provider.headers };
      let url: string;
      if (settings.credentials) {
        headers.authorization = `Bearer ${await sourceFor(settings.credentials).getToken(provider.name)}`;
        const { project, region } = settings;
        url = `${provider.baseUrl}/v1/projects/${encodeURIComponent(project)}/locations/${encodeURIComponent(region)}/publishers/google/models/${encodeURIComponent(model)}:${method}`;
      } else {
        if (provider.apiKey) headers['x-goog-api-key'] = provider.apiKey;
        url = `${provider.baseUrl}/v1/publishers/google/models/${encodeURIComponent(model)}:${method}`;
      }
      return { url, headers, body: JSON.stringify(toGeminiRequest({ request, upstreamModel: model })) };
    },

    readResult: (bodyText, provider) => fromGeminiResponse(bodyText, provider.name),

    readError({ status, bodyText, retryAfter, provider }) {
      // A refused token (revoked, rotated key) is dropped so the next attempt fetches a new one.
      if (status === 401 && provider.vertex?.credentials) sourceFor(provider.vertex.credentials).invalidate();
      return parseGeminiError({ status, bodyText, retryAfter, provider: provider.name });
    },

    createStreamDecoder: (provider: Provider) => createGeminiStreamDecoder(provider),
  };
}
