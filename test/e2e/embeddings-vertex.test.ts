import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { embedText } from '../../sim/shared/embed-text.js';
import { countTextTokens } from '../../sim/shared/count-text-tokens.js';
import { startGeminiSimulator } from '../../sim/gemini/start-gemini-simulator.js';
import { expectedCost } from '../support/expected-cost.js';
import { startGeminiStack, type GeminiStack } from '../support/start-gemini-stack.js';

const MODEL = 'sim/vertex-embed';
const PRICES = { prompt: '0.00000015', completion: '0' } as const;
const f32 = (vector: Float32Array) => Array.from(vector);

describe('embeddings: openai SDK → Switchyard → Vertex AI predict (simulator, express mode)', () => {
  let stack: GeminiStack;
  let client: OpenAI;
  before(async () => {
    const gemini = await startGeminiSimulator();
    stack = await startGeminiStack({
      gemini,
      providers: [{ id: 'google-vertex', base_url: gemini.url, api_key: 'vx-express-key', vertex: { region: 'us-central1' } }],
      models: [{ id: MODEL, name: 'Sim: Vertex embeddings', context_length: 2048, input_modalities: ['text'], output_modalities: ['embeddings'], endpoints: [{ provider: 'google-vertex', model: 'gemini-embedding-001', pricing: PRICES }] }],
    });
    client = new OpenAI({ apiKey: stack.apiKey, baseURL: stack.baseURL, maxRetries: 0 });
  });
  after(() => stack.close());

  it('sends one predict call per input and returns the vectors in order, billed on Vertex token counts', async () => {
    const inputs = ['alpha beta', 'gamma', 'delta epsilon zeta'];
    const body = await client.embeddings.create({ model: MODEL, input: inputs, dimensions: 128 });
    inputs.forEach((text, index) => assert.deepEqual(body.data[index]?.embedding, f32(embedText(text, 128)), `vector ${index}`));
    const calls = stack.gemini.requests.filter((request) => request.path.endsWith(':predict'));
    assert.equal(calls.length, 3);
    assert.ok(calls.every((call) => call.path === '/v1/publishers/google/models/gemini-embedding-001:predict' && call.headers['x-goog-api-key'] === 'vx-express-key'));
    assert.deepEqual(calls.map((call) => (call.body as { instances: Array<{ content: string }> }).instances[0]?.content).sort(), [...inputs].sort());
    assert.deepEqual((calls[0]?.body as { parameters: unknown }).parameters, { outputDimensionality: 128 });
    const prompt = inputs.reduce((sum, text) => sum + countTextTokens(text), 0);
    const usage = body.usage as OpenAI.CreateEmbeddingResponse.Usage & { cost: number };
    assert.equal(usage.prompt_tokens, prompt);
    assert.equal(usage.cost, expectedCost({ prompt, completion: 0 }, PRICES));
  });
});
