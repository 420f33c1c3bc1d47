import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { embedText } from '../../sim/shared/embed-text.js';
import { countTextTokens } from '../../sim/shared/count-text-tokens.js';
import { expectedCost } from '../support/expected-cost.js';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

const MODEL = 'sim/azure-embed';
const DEPLOYMENT = 'embed-small-prod';
const API_VERSION = '2024-10-21';
const PRICES = { prompt: '0.00000002', completion: '0' } as const;
/** The vector as the SDK decodes it from base64 float32. */
const f32 = (vector: Float32Array | number[]) => Array.from(Float32Array.from(vector));

describe('embeddings: openai SDK → Switchyard → Azure OpenAI deployment /embeddings (simulator in Azure mode)', () => {
  let stack: TestStack;
  let client: OpenAI;
  before(async () => {
    stack = await startTestStack({
      config: (simUrl) => ({
        providers: [{ id: 'azure', base_url: simUrl.replace(/\/v1$/, ''), api_key: 'azure-sim-key', azure: { api_version: API_VERSION } }],
        models: [{ id: MODEL, name: 'Sim: Azure embeddings', context_length: 8192, input_modalities: ['text'], output_modalities: ['embeddings'], endpoints: [{ provider: 'azure', model: DEPLOYMENT, pricing: PRICES }] }],
      }),
    });
    client = new OpenAI({ apiKey: stack.apiKey, baseURL: stack.baseURL, maxRetries: 0 });
  });
  beforeEach(() => stack.sim.reset());
  after(() => stack.close());

  it('posts to the deployment with api-version and api-key, returns the vectors in order with exact cost', async () => {
    const inputs = ['first line', 'second line'];
    const body = await client.embeddings.create({ model: MODEL, input: inputs, dimensions: 256 });
    inputs.forEach((text, index) => assert.deepEqual(body.data[index]?.embedding, f32(embedText(text, 256)), `vector ${index}`));
    const seen = stack.sim.requests.at(-1);
    assert.equal(seen?.path, `/openai/deployments/${DEPLOYMENT}/embeddings`);
    assert.equal(seen?.query, `api-version=${API_VERSION}`);
    assert.equal(seen?.headers['api-key'], 'azure-sim-key');
    assert.equal(seen?.headers.authorization, undefined);
    const prompt = inputs.reduce((sum, text) => sum + countTextTokens(text), 0);
    const usage = body.usage as OpenAI.CreateEmbeddingResponse.Usage & { cost: number };
    assert.equal(usage.prompt_tokens, prompt);
    assert.equal(usage.cost, expectedCost({ prompt, completion: 0 }, PRICES));
  });
});
