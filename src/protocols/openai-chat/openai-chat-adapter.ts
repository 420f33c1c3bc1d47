import { UpstreamError } from '../../core/errors/upstream-error.js';
import type { Provider } from '../../core/provider-types.js';
import type { StreamDecoder, WireAdapter } from '../wire-adapter.js';
import { scrubSecretText, scrubSecrets } from '../shared/scrub-secrets.js';
import { fromOpenAIChatResponse } from './from-openai-chat-response.js';
import { invalidResponse } from '../shared/invalid-response.js';
import { parseOpenAIChatError } from './openai-chat-error.js';
import { OpenAIChatStreamDecoder } from './openai-chat-stream.js';
import { toOpenAIChatRequest } from './to-openai-chat-request.js';
import { openAIEmbeddings } from './openai-embeddings.js';

/**
 * The OpenAI Chat Completions protocol, spoken by OpenAI and every OpenAI-compatible
 * vendor (Mistral, xAI, DeepSeek, Groq, Together, Fireworks, DeepInfra, OpenRouter,
 * Ollama, vLLM, llama.cpp).
 * @see https://platform.openai.com/docs/api-reference/chat
 */
export const openAIChatAdapter: WireAdapter = {
  relaysOpenAIFrames: true,
  embeddings: openAIEmbeddings,

  buildCall({ request, provider, upstreamModel, stream }) {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...provider.headers };
    if (provider.apiKey) headers.authorization = `Bearer ${provider.apiKey}`;
    if (stream) headers.accept = 'text/event-stream';
    return {
      url: `${provider.baseUrl}/chat/completions`,
      headers,
      body: toOpenAIChatRequest({ request, upstreamModel, stream, openRouterDialect: provider.id === 'openrouter' }),
    };
  },

  readResult: (bodyText, provider) => fromOpenAIChatResponse(bodyText, provider.name),

  readError: ({ status, bodyText, retryAfter, provider }) =>
    parseOpenAIChatError({ status, bodyText, retryAfter, provider: provider.name }),

  createStreamDecoder(provider: Provider): StreamDecoder {
    const decoder = new OpenAIChatStreamDecoder();
    return {
      decode(event) {
        if (event.data === '[DONE]') return { parts: [], done: true };
        let chunk: Record<string, unknown>;
        try {
          chunk = JSON.parse(event.data) as Record<string, unknown>;
        } catch {
          throw invalidResponse(provider.name, 'stream chunk is not valid JSON', event.data);
        }
        if (chunk.error) throw streamedError(chunk.error, provider);
        return { parts: decoder.decode(chunk), done: false };
      },
    };
  },
};

/**
 * OpenRouter-style upstreams report failures inside the stream as `{error: {...}}`. Its
 * message and body are scrubbed of keys like any HTTP error body.
 */
export function streamedError(error: unknown, provider: Provider): UpstreamError {
  const body = error as { code?: unknown; message?: unknown };
  const status = typeof body.code === 'number' ? body.code : 502;
  return new UpstreamError(status === 429 ? 'rate_limited' : 'upstream_error', {
    provider: provider.name,
    upstreamStatus: status,
    status: status === 429 ? 429 : 502,
    retryable: true,
    message: typeof body.message === 'string' ? scrubSecretText(body.message) : 'Provider returned error',
    raw: scrubSecrets(error),
  });
}
