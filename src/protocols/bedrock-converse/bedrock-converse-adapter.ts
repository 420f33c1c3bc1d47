import type { Provider } from '../../core/provider-types.js';
import { invalidResponse } from '../shared/invalid-response.js';
import type { StreamDecoder, WireAdapter } from '../wire-adapter.js';
import { bedrockStreamException, parseBedrockError } from './bedrock-converse-error.js';
import { BedrockConverseStreamDecoder } from './bedrock-converse-stream.js';
import { fromBedrockConverseResponse } from './from-bedrock-converse-response.js';
import { bedrockEmbeddings } from './bedrock-embeddings.js';
import { buildBedrockCall } from './build-bedrock-call.js';
import { encodeModelId } from './encode-model-id.js';
import { toBedrockConverseRequest } from './to-bedrock-converse-request.js';

/**
 * AWS Bedrock's Converse and ConverseStream APIs: JSON requests to
 * `/model/{modelId}/converse[-stream]`, authenticated with a Bedrock API key (bearer) or
 * SigV4 (static keys, or the provider's credential chain), streams framed as AWS binary event streams.
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference.html
 */
export const bedrockConverseAdapter: WireAdapter = {
  relaysOpenAIFrames: false,
  streamFraming: 'aws-eventstream',
  embeddings: bedrockEmbeddings,

  async buildCall({ request, provider, upstreamModel, stream, maxOutputTokens }) {
    const url = `${provider.baseUrl}/model/${encodeModelId(upstreamModel)}/${stream ? 'converse-stream' : 'converse'}`;
    const body = JSON.stringify(toBedrockConverseRequest({ request, upstreamModel, maxOutputTokens }));
    return buildBedrockCall({ url, body, accept: stream ? 'application/vnd.amazon.eventstream' : 'application/json', provider });
  },

  readResult: (bodyText, provider) => fromBedrockConverseResponse(bodyText, provider.name),

  readError({ status, bodyText, retryAfter, provider, headers }) {
    // Refused credentials (revoked, rotated) are dropped so the next attempt fetches new ones.
    if (status === 403 && !provider.apiKey) provider.aws?.credentialSource?.invalidate();
    return parseBedrockError({ status, bodyText, retryAfter, headers, provider: provider.name });
  },

  createStreamDecoder(provider: Provider): StreamDecoder {
    const decoder = new BedrockConverseStreamDecoder();
    return {
      decode(event) {
        const name = event.event ?? '';
        if (name.startsWith('exception:') || name.startsWith('error:')) {
          throw bedrockStreamException({ exceptionType: name.slice(name.indexOf(':') + 1), bodyText: event.data, provider: provider.name });
        }
        let payload: Record<string, unknown>;
        try {
          payload = JSON.parse(event.data) as Record<string, unknown>;
        } catch {
          throw invalidResponse(provider.name, 'stream event is not valid JSON', event.data);
        }
        return decoder.decode(event.event, payload);
      },
    };
  },
};

export { encodeModelId };
