import type { EmbeddingsResult } from '../../core/canonical/embeddings.js';
import { invalidResponse } from '../shared/invalid-response.js';
import { readEmbeddingInputs } from '../shared/read-embedding-inputs.js';
import type { EmbeddingsWire } from '../wire-adapter.js';

/**
 * The Gemini API's `models/{model}:batchEmbedContents` (one call for every input, answers in
 * input order; `embedContent` is the same for one input). `dimensions` →
 * `outputDimensionality`. Gemini reports no token count: the gateway counts the inputs to bill.
 * @see https://ai.google.dev/api/embeddings
 */
export const geminiEmbeddings: EmbeddingsWire = {
  buildCalls({ request, provider, upstreamModel }) {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...provider.headers };
    if (provider.apiKey) headers['x-goog-api-key'] = provider.apiKey;
    const name = upstreamModel.replace(/^models\//, '');
    const dimensions = request.embeddings?.dimensions;
    const requests = readEmbeddingInputs(request).map((text) => ({
      model: `models/${name}`,
      content: { parts: [{ text }] },
      ...(dimensions !== undefined ? { outputDimensionality: dimensions } : {}),
    }));
    return [{ url: `${provider.baseUrl}/models/${encodeURIComponent(name)}:batchEmbedContents`, headers, body: JSON.stringify({ requests }) }];
  },

  readResult([bodyText = ''], provider, inputCount): EmbeddingsResult {
    let body: { embeddings?: unknown };
    try {
      body = JSON.parse(bodyText) as typeof body;
    } catch {
      throw invalidResponse(provider.name, 'batchEmbedContents body is not valid JSON', bodyText);
    }
    const embeddings = body?.embeddings;
    if (!Array.isArray(embeddings) || embeddings.length !== inputCount) {
      throw invalidResponse(provider.name, `expected ${inputCount} embeddings`, bodyText);
    }
    const vectors = embeddings.map((item: { values?: unknown }, index) => {
      const values = item?.values;
      if (!Array.isArray(values) || values.some((value) => typeof value !== 'number')) throw invalidResponse(provider.name, `embeddings[${index}].values is not a vector`, bodyText);
      return values as number[];
    });
    return { upstreamId: null, vectors, promptTokens: undefined };
  },
};
