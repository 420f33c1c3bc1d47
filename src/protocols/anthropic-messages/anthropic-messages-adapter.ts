import type { Provider } from '../../core/provider-types.js';
import { invalidResponse } from '../shared/invalid-response.js';
import type { StreamDecoder, WireAdapter } from '../wire-adapter.js';
import { ANTHROPIC_VERSION, type AnthropicStreamEvent } from './anthropic-messages-api.js';
import { anthropicStreamError, parseAnthropicError } from './anthropic-messages-error.js';
import { AnthropicMessagesStreamDecoder } from './anthropic-messages-stream.js';
import { fromAnthropicMessagesResponse } from './from-anthropic-messages-response.js';
import { toAnthropicMessagesRequest } from './to-anthropic-messages-request.js';

/**
 * Anthropic's Messages API. The base URL is the API root as the Anthropic SDK takes it
 * (`https://api.anthropic.com`); one that already ends in `/v1` is accepted too.
 * Auth is `x-api-key`; `anthropic-beta` flags the request needs are added to any the
 * provider's configured headers carry.
 * @see https://docs.anthropic.com/en/api/messages
 */
export const anthropicMessagesAdapter: WireAdapter = {
  relaysOpenAIFrames: false,

  buildCall({ request, provider, upstreamModel, stream, maxOutputTokens }) {
    const { body, betas } = toAnthropicMessagesRequest({ request, upstreamModel, stream, maxOutputTokens });
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'anthropic-version': ANTHROPIC_VERSION,
      ...provider.headers,
    };
    if (provider.apiKey) headers['x-api-key'] = provider.apiKey;
    if (stream) headers.accept = 'text/event-stream';
    if (betas.length > 0) {
      const configured = headers['anthropic-beta']?.split(',').map((flag) => flag.trim()).filter(Boolean) ?? [];
      headers['anthropic-beta'] = [...new Set([...configured, ...betas])].join(',');
    }
    return { url: messagesUrl(provider.baseUrl), headers, body: JSON.stringify(body) };
  },

  readResult: (bodyText, provider) => fromAnthropicMessagesResponse(bodyText, provider.name),

  readError: ({ status, bodyText, retryAfter, provider }) => parseAnthropicError({ status, bodyText, retryAfter, provider: provider.name }),

  createStreamDecoder(provider: Provider): StreamDecoder {
    const decoder = new AnthropicMessagesStreamDecoder();
    return {
      decode(event) {
        let data: AnthropicStreamEvent;
        try {
          data = JSON.parse(event.data) as AnthropicStreamEvent;
        } catch {
          throw invalidResponse(provider.name, 'stream event is not valid JSON', event.data);
        }
        if (event.event === 'error' || data?.type === 'error') throw anthropicStreamError(data, provider.name);
        if (!data || typeof data !== 'object') throw invalidResponse(provider.name, 'stream event is not an object', event.data);
        return { parts: decoder.decode(data), done: decoder.done };
      },
      end() {
        if (!decoder.done) throw invalidResponse(provider.name, 'the stream ended before message_stop', '');
      },
    };
  },
};

function messagesUrl(baseUrl: string): string {
  return baseUrl.endsWith('/v1') ? `${baseUrl}/messages` : `${baseUrl}/v1/messages`;
}
