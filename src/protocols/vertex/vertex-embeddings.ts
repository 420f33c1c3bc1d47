import type { EmbeddingsResult } from '../../core/canonical/embeddings.js';
import { invalidResponse } from '../shared/invalid-response.js';
import { readEmbeddingInputs } from '../shared/read-embedding-inputs.js';
import type { EmbeddingsWire } from '../wire-adapter.js';
import { buildVertexTarget } from './build-vertex-target.js';

/**
 * Vertex AI's text embeddings: `…/publishers/google/models/{model}:predict` with
 * `{instances: [{content}], parameters: {outputDimensionality}}`, one call per input
 * (gemini-embedding-001 takes one instance per request; the dispatcher runs at most 4 at a time).
 * Vertex counts tokens per prediction (`embeddings.statistics.token_count`): their sum is billed.
 * @see https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/text-embeddings-api
 */
export const vertexEmbeddings: EmbeddingsWire = {
  async buildCalls({ request, provider, upstreamModel }) {
    const dimensions = request.embeddings?.dimensions;
    const inputs = readEmbeddingInputs(request);
    return Promise.all(
      inputs.map(async (content) => {
        const { url, headers } = await buildVertexTarget(provider, upstreamModel, 'predict');
        const body = { instances: [{ content }], ...(dimensions !== undefined ? { parameters: { outputDimensionality: dimensions } } : {}) };
        return { url, headers, body: JSON.stringify(body) };
      }),
    );
  },

  readResult(bodyTexts, provider, inputCount): EmbeddingsResult {
    if (bodyTexts.length !== inputCount) throw invalidResponse(provider.name, `expected ${inputCount} predict answers`, '');
    let tokens = 0;
    let counted = true;
    const vectors = bodyTexts.map((bodyText) => {
      let body: { predictions?: Array<{ embeddings?: { values?: unknown; statistics?: { token_count?: unknown } } }> };
      try {
        body = JSON.parse(bodyText) as typeof body;
      } catch {
        throw invalidResponse(provider.name, 'predict body is not valid JSON', bodyText);
      }
      const embedding = body?.predictions?.[0]?.embeddings;
      const values = embedding?.values;
      if (!Array.isArray(values) || values.some((value) => typeof value !== 'number')) throw invalidResponse(provider.name, 'predictions[0].embeddings.values is not a vector', bodyText);
      const count = embedding?.statistics?.token_count;
      if (typeof count === 'number' && Number.isFinite(count)) tokens += count;
      else counted = false;
      return values as number[];
    });
    return { upstreamId: null, vectors, promptTokens: counted ? tokens : undefined };
  },
};
