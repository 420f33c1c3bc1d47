import type { ChatRequest } from '../../../core/canonical/chat-request.js';
import { InvalidRequestError } from '../../../core/errors/gateway-error.js';
import type { InboundCodec } from '../inbound-codec.js';
import { parseWithSchema } from '../parse-with-schema.js';
import { embeddingsRequestSchema } from './embeddings-request-schema.js';
import { encodeFloat32Base64 } from '../../../core/float32-base64.js';

/**
 * OpenAI's embeddings skin (`POST /api/v1/embeddings`): the inputs become one user message
 * each (see core/canonical/embeddings.ts), the answer is OpenAI's `list` of `embedding`
 * objects in input order, with the generation id, the catalog model, the provider and the
 * priced usage. Vectors are floats, or base64 of little-endian float32 encoded by the gateway
 * (upstreams are always asked for floats). Never streamed.
 * @see https://platform.openai.com/docs/api-reference/embeddings/object
 */
export const embeddingsCodec: InboundCodec = {
  apiType: 'embeddings',

  parseRequest(body): ChatRequest {
    if (body && typeof body === 'object' && (body as { stream?: unknown }).stream !== undefined) {
      throw new InvalidRequestError('stream is not supported for embeddings', { metadata: { unsupported_field: 'stream' } });
    }
    const parsed = parseWithSchema(embeddingsRequestSchema, body);
    const inputs = typeof parsed.input === 'string' ? [parsed.input] : parsed.input;
    const request: ChatRequest = {
      model: parsed.model,
      messages: inputs.map((text) => ({ role: 'user', content: text })),
      embeddings: {
        encodingFormat: parsed.encoding_format ?? 'float',
        singleInput: typeof parsed.input === 'string',
        ...(parsed.dimensions !== undefined ? { dimensions: parsed.dimensions } : {}),
      },
    };
    if (parsed.models) request.models = parsed.models;
    if (parsed.provider) request.provider = parsed.provider;
    if (parsed.user !== undefined) request.user = parsed.user;
    return request;
  },

  encodeEmbeddings({ ctx, result, usage }) {
    const base64 = ctx.request.embeddings?.encodingFormat === 'base64';
    return {
      id: ctx.generationId,
      object: 'list',
      data: result.vectors.map((vector, index) => ({ object: 'embedding', index, embedding: base64 ? encodeFloat32Base64(vector) : vector })),
      model: ctx.served?.model.model.id ?? ctx.request.model ?? null,
      provider: ctx.served?.endpoint.provider.name ?? null,
      usage: { prompt_tokens: usage.prompt_tokens, total_tokens: usage.prompt_tokens, cost: usage.cost, ...(usage.is_byok ? { is_byok: true } : {}), ...(usage.cost_details ? { cost_details: usage.cost_details } : {}) },
    };
  },

  encodeResult() {
    throw new Error('the embeddings endpoint has no chat results');
  },

  createStreamEncoder() {
    throw new Error('the embeddings endpoint does not stream');
  },
};
