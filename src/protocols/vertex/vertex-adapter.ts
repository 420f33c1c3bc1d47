import type { Provider } from '../../core/provider-types.js';
import { createGeminiStreamDecoder } from '../gemini/gemini-adapter.js';
import { fromGeminiResponse } from '../gemini/from-gemini-response.js';
import { parseGeminiError } from '../gemini/gemini-error.js';
import { toGeminiRequest } from '../gemini/to-gemini-request.js';
import type { WireAdapter } from '../wire-adapter.js';
import { buildVertexTarget } from './build-vertex-target.js';
import { vertexEmbeddings } from './vertex-embeddings.js';

/**
 * Vertex AI's Gemini API: the same body and stream as the Gemini API, sent to
 * `{host}/v1/projects/{project}/locations/{region}/publishers/google/models/{model}:…` with an
 * OAuth bearer token from the provider's Google credentials (cached and refreshed by the
 * provider's credential source), or in express mode to `{host}/v1/publishers/google/models/{model}:…` with an
 * API key. Other publishers' models on Vertex (Claude, the MaaS models) speak other protocols
 * and are refused as retryable, so routing moves on to another endpoint.
 * @see https://cloud.google.com/vertex-ai/generative-ai/docs/reference/rest/v1/projects.locations.endpoints/generateContent
 */
export function createVertexAdapter(): WireAdapter {
  return {
    relaysOpenAIFrames: false,

    async buildCall({ request, provider, upstreamModel, stream }) {
      const { url, headers, model } = await buildVertexTarget(provider, upstreamModel, stream ? 'streamGenerateContent?alt=sse' : 'generateContent');
      return { url, headers, body: JSON.stringify(toGeminiRequest({ request, upstreamModel: model })) };
    },

    embeddings: vertexEmbeddings,

    readResult: (bodyText, provider) => fromGeminiResponse(bodyText, provider.name),

    readError({ status, bodyText, retryAfter, provider }) {
      // A refused token (revoked, rotated key) is dropped so the next attempt fetches a new one.
      if (status === 401) provider.vertex?.credential?.invalidate();
      return parseGeminiError({ status, bodyText, retryAfter, provider: provider.name });
    },

    createStreamDecoder: (provider: Provider) => createGeminiStreamDecoder(provider),
  };
}
