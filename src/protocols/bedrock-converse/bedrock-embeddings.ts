import type { EmbeddingsResult } from '../../core/canonical/embeddings.js';
import { InvalidRequestError } from '../../core/errors/gateway-error.js';
import { invalidResponse } from '../shared/invalid-response.js';
import { readEmbeddingInputs } from '../shared/read-embedding-inputs.js';
import type { EmbeddingsWire } from '../wire-adapter.js';
import { buildBedrockCall } from './build-bedrock-call.js';
import { encodeModelId } from './encode-model-id.js';

/** Cohere Embed takes at most this many texts per call. */
const COHERE_BATCH = 96;

type EmbeddingFamily = 'titan' | 'cohere';

/**
 * Bedrock's InvokeModel (`POST /model/{modelId}/invoke`) for embedding models:
 * - Amazon Titan Text Embeddings (`amazon.titan-embed-text-v1`, `-v2:0`): one input per call
 *   (`{inputText, dimensions, normalize}` → `{embedding, inputTextTokenCount}`), so an array
 *   is one call per input, answered in order;
 * - Cohere Embed (`cohere.embed-english-v3`, `-multilingual-v3`, `embed-v4`): up to 96 texts per
 *   call as `search_document` inputs, floats asked for (`embedding_types: ["float"]`); Cohere
 *   reports no token count, so the gateway counts. v3 models have fixed dimensions: asking for
 *   `dimensions` is a 400 rather than a silently longer vector.
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-embed-text.html
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-embed.html
 */
export const bedrockEmbeddings: EmbeddingsWire = {
  async buildCalls({ request, provider, upstreamModel }) {
    const inputs = readEmbeddingInputs(request);
    const dimensions = request.embeddings?.dimensions;
    const family = embeddingFamily(upstreamModel);
    const url = `${provider.baseUrl}/model/${encodeModelId(upstreamModel)}/invoke`;
    let bodies: Array<Record<string, unknown>>;
    if (family === 'titan') {
      bodies = inputs.map((inputText) => ({ inputText, ...(dimensions !== undefined ? { dimensions } : {}), ...(upstreamModel.includes('-v1') ? {} : { normalize: true }) }));
    } else {
      const v4 = upstreamModel.includes('embed-v4');
      if (dimensions !== undefined && !v4) {
        throw new InvalidRequestError(`dimensions is not supported by ${upstreamModel} (fixed-size vectors)`, { metadata: { unsupported_field: 'dimensions' } });
      }
      bodies = [];
      for (let start = 0; start < inputs.length; start += COHERE_BATCH) {
        bodies.push({ texts: inputs.slice(start, start + COHERE_BATCH), input_type: 'search_document', embedding_types: ['float'], ...(dimensions !== undefined ? { output_dimension: dimensions } : {}) });
      }
    }
    return Promise.all(bodies.map((body) => buildBedrockCall({ url, body: JSON.stringify(body), accept: 'application/json', provider })));
  },

  readResult(bodyTexts, provider, inputCount): EmbeddingsResult {
    const vectors: number[][] = [];
    let tokens: number | undefined = 0;
    for (const bodyText of bodyTexts) {
      let body: { embedding?: unknown; inputTextTokenCount?: unknown; embeddings?: unknown; id?: unknown };
      try {
        body = JSON.parse(bodyText) as typeof body;
      } catch {
        throw invalidResponse(provider.name, 'InvokeModel body is not valid JSON', bodyText);
      }
      if (body?.embedding !== undefined) {
        vectors.push(readVector(body.embedding, provider.name, bodyText));
        tokens = typeof body.inputTextTokenCount === 'number' && tokens !== undefined ? tokens + body.inputTextTokenCount : undefined;
      } else {
        const embeddings = Array.isArray(body?.embeddings) ? body.embeddings : (body?.embeddings as { float?: unknown } | undefined)?.float;
        if (!Array.isArray(embeddings)) throw invalidResponse(provider.name, 'InvokeModel body has no embeddings', bodyText);
        for (const vector of embeddings) vectors.push(readVector(vector, provider.name, bodyText));
        tokens = undefined;
      }
    }
    if (vectors.length !== inputCount) throw invalidResponse(provider.name, `expected ${inputCount} embeddings, got ${vectors.length}`, bodyTexts.join('\n').slice(0, 2000));
    return { upstreamId: null, vectors, promptTokens: tokens };
  },
};

function embeddingFamily(modelId: string): EmbeddingFamily {
  if (modelId.includes('titan-embed')) return 'titan';
  if (modelId.includes('cohere.embed')) return 'cohere';
  throw new InvalidRequestError(`${modelId} is not a Bedrock embedding model this gateway speaks (Amazon Titan Text Embeddings, Cohere Embed)`);
}

function readVector(value: unknown, provider: string, bodyText: string): number[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'number')) throw invalidResponse(provider, 'an embedding is not a vector', bodyText);
  return value as number[];
}
