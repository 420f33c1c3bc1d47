import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Provider } from '../../core/provider-types.js';
import { encodeFloat32Base64 } from '../../core/float32-base64.js';
import { UpstreamError } from '../../core/errors/upstream-error.js';
import { openAIEmbeddings } from './openai-embeddings.js';

const provider = { name: 'Sim', baseUrl: 'http://127.0.0.1:1/v1', apiKey: 'sk-x', headers: {} } as unknown as Provider;
const request = {
  model: 'openai/text-embedding-3-small',
  messages: [{ role: 'user' as const, content: 'a' }, { role: 'user' as const, content: [{ type: 'text' as const, text: 'b' }] }],
  embeddings: { encodingFormat: 'base64' as const, singleInput: false, dimensions: 3 },
  user: 'u1',
};

describe('OpenAI embeddings wire', () => {
  it('OpenAI: asks for floats with the inputs in order, dimensions and user', async () => {
    const [call] = await openAIEmbeddings.buildCalls({ request, provider, upstreamModel: 'text-embedding-3-small' });
    assert.equal(call?.url, 'http://127.0.0.1:1/v1/embeddings');
    assert.equal(call?.headers.authorization, 'Bearer sk-x');
    assert.deepEqual(JSON.parse(call?.body ?? ''), { model: 'text-embedding-3-small', input: ['a', 'b'], encoding_format: 'float', dimensions: 3, user: 'u1' });
  });

  it('OpenAI: puts vectors back in index order, decodes base64 answers, reads usage', () => {
    const body = JSON.stringify({ data: [{ index: 1, embedding: encodeFloat32Base64([0.5, -2]) }, { index: 0, embedding: [1, 2] }], usage: { prompt_tokens: 4 } });
    assert.deepEqual(openAIEmbeddings.readResult([body], provider, 2), { upstreamId: null, vectors: [[1, 2], [0.5, -2]], promptTokens: 4 });
  });

  it('OpenAI: a missing, extra or malformed vector is an invalid response', () => {
    for (const body of [
      { data: [{ index: 0, embedding: [1] }] },
      { data: [{ index: 0, embedding: [1] }, { index: 2, embedding: [1] }] },
      { data: [{ index: 0, embedding: ['x'] }, { index: 1, embedding: [1] }] },
      { object: 'list' },
    ]) {
      assert.throws(() => openAIEmbeddings.readResult([JSON.stringify(body)], provider, 2), (error: unknown) => error instanceof UpstreamError && error.retryable);
    }
  });

  it('base64 is little-endian float32', () => {
    assert.equal(encodeFloat32Base64([1, -0.5]), Buffer.from([0, 0, 0x80, 0x3f, 0, 0, 0, 0xbf]).toString('base64'));
  });
});
