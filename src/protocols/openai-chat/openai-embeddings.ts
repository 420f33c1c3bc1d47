import type { EmbeddingsResult } from '../../core/canonical/embeddings.js';
import { decodeFloat32Base64 } from '../../core/float32-base64.js';
import { invalidResponse } from '../shared/invalid-response.js';
import { readEmbeddingInputs } from '../shared/read-embedding-inputs.js';
import type { EmbeddingsWire } from '../wire-adapter.js';

/**
 * OpenAI's `POST {base}/embeddings`, spoken by OpenAI and the OpenAI-compatible servers that
 * embed (Ollama, vLLM, Together, Mistral, …). Floats are always asked for (the gateway encodes
 * base64 for the client itself); a server that answers base64 anyway is decoded. Vectors are
 * put back in input order by `index`.
 * @see https://platform.openai.com/docs/api-reference/embeddings/create
 */
export const openAIEmbeddings: EmbeddingsWire = {
  buildCalls({ request, provider, upstreamModel }) {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...provider.headers };
    if (provider.apiKey) headers.authorization = `Bearer ${provider.apiKey}`;
    const options = request.embeddings;
    const body: Record<string, unknown> = { model: upstreamModel, input: readEmbeddingInputs(request), encoding_format: 'float' };
    if (options?.dimensions !== undefined) body.dimensions = options.dimensions;
    if (typeof request.user === 'string' && request.user !== '') body.user = request.user;
    return [{ url: `${provider.baseUrl}/embeddings`, headers, body: JSON.stringify(body) }];
  },

  readResult([bodyText = ''], provider, inputCount): EmbeddingsResult {
    let body: { id?: unknown; data?: unknown; usage?: { prompt_tokens?: unknown } };
    try {
      body = JSON.parse(bodyText) as typeof body;
    } catch {
      throw invalidResponse(provider.name, 'embeddings body is not valid JSON', bodyText);
    }
    if (!Array.isArray(body?.data)) throw invalidResponse(provider.name, 'embeddings body has no data array', bodyText);
    const vectors = new Array<number[]>(inputCount);
    for (const [position, item] of (body.data as Array<{ index?: unknown; embedding?: unknown }>).entries()) {
      const index = typeof item?.index === 'number' ? item.index : position;
      const embedding = typeof item?.embedding === 'string' ? decodeFloat32Base64(item.embedding) : item?.embedding;
      if (!Number.isInteger(index) || index < 0 || index >= inputCount || !Array.isArray(embedding) || embedding.some((value) => typeof value !== 'number')) {
        throw invalidResponse(provider.name, `embeddings data[${position}] is not a vector for one of the ${inputCount} inputs`, bodyText);
      }
      vectors[index] = embedding as number[];
    }
    for (let index = 0; index < inputCount; index++) {
      if (vectors[index] === undefined) throw invalidResponse(provider.name, `expected ${inputCount} embeddings, input ${index} has none`, bodyText);
    }
    const prompt = body.usage?.prompt_tokens;
    return {
      upstreamId: typeof body.id === 'string' ? body.id : null,
      vectors,
      promptTokens: typeof prompt === 'number' && Number.isFinite(prompt) && prompt >= 0 ? prompt : undefined,
    };
  },
};
