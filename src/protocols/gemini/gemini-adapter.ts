import type { Provider } from '../../core/provider-types.js';
import { invalidResponse } from '../shared/invalid-response.js';
import type { StreamDecoder, WireAdapter } from '../wire-adapter.js';
import { fromGeminiResponse } from './from-gemini-response.js';
import type { GeminiResponse } from './gemini-api.js';
import { geminiStreamError, parseGeminiError } from './gemini-error.js';
import { GeminiStreamDecoder } from './gemini-stream.js';
import { toGeminiRequest } from './to-gemini-request.js';
import { geminiEmbeddings } from './gemini-embeddings.js';

/**
 * The Google Gemini API (generativelanguage.googleapis.com): `generateContent` and
 * `streamGenerateContent?alt=sse`, authenticated with `x-goog-api-key`. The provider's base
 * URL includes the API version (`…/v1beta`).
 * @see https://ai.google.dev/api/generate-content
 */
export const geminiAdapter: WireAdapter = {
  relaysOpenAIFrames: false,
  embeddings: geminiEmbeddings,

  buildCall({ request, provider, upstreamModel, stream }) {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...provider.headers };
    if (provider.apiKey) headers['x-goog-api-key'] = provider.apiKey;
    const model = encodeURIComponent(upstreamModel.replace(/^models\//, ''));
    return {
      url: `${provider.baseUrl}/models/${model}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
      headers,
      body: JSON.stringify(toGeminiRequest({ request, upstreamModel })),
    };
  },

  readResult: (bodyText, provider) => fromGeminiResponse(bodyText, provider.name),

  readError: ({ status, bodyText, retryAfter, provider }) => parseGeminiError({ status, bodyText, retryAfter, provider: provider.name }),

  createStreamDecoder: createGeminiStreamDecoder,
};

/** The SSE decoder shared by the Gemini API and Vertex AI (same chunks, same in-band errors). */
export function createGeminiStreamDecoder(provider: Provider): StreamDecoder {
  const decoder = new GeminiStreamDecoder();
  return {
    decode(event) {
      let chunk: GeminiResponse;
      try {
        chunk = JSON.parse(event.data) as GeminiResponse;
      } catch {
        throw invalidResponse(provider.name, 'stream chunk is not valid JSON', event.data);
      }
      if (!chunk || typeof chunk !== 'object') throw invalidResponse(provider.name, 'stream chunk is not an object', event.data);
      if (chunk.error) throw geminiStreamError(chunk.error, provider.name);
      return { parts: decoder.decode(chunk), done: false };
    },
  };
}
