import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Provider } from '../../core/provider-types.js';
import { UpstreamError } from '../../core/errors/upstream-error.js';
import { geminiEmbeddings } from './gemini-embeddings.js';

const provider = { name: 'Sim', baseUrl: 'http://127.0.0.1:1/v1', apiKey: 'sk-x', headers: {} } as unknown as Provider;
const request = {
  model: 'openai/text-embedding-3-small',
  messages: [{ role: 'user' as const, content: 'a' }, { role: 'user' as const, content: [{ type: 'text' as const, text: 'b' }] }],
  embeddings: { encodingFormat: 'base64' as const, singleInput: false, dimensions: 3 },
  user: 'u1',
};

describe('Gemini embeddings wire', () => {
  it('Gemini: one batchEmbedContents call with outputDimensionality; no token count', async () => {
    const [call] = await geminiEmbeddings.buildCalls({ request, provider: { ...provider, baseUrl: 'http://g/v1beta' } as Provider, upstreamModel: 'models/gemini-embedding-001' });
    assert.equal(call?.url, 'http://g/v1beta/models/gemini-embedding-001:batchEmbedContents');
    assert.equal(call?.headers['x-goog-api-key'], 'sk-x');
    assert.deepEqual(JSON.parse(call?.body ?? '').requests, [
      { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'a' }] }, outputDimensionality: 3 },
      { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'b' }] }, outputDimensionality: 3 },
    ]);
    assert.deepEqual(geminiEmbeddings.readResult([JSON.stringify({ embeddings: [{ values: [1] }, { values: [2] }] })], provider, 2), { upstreamId: null, vectors: [[1], [2]], promptTokens: undefined });
    assert.throws(() => geminiEmbeddings.readResult([JSON.stringify({ embeddings: [{ values: [1] }] })], provider, 2), UpstreamError);
  });

});
