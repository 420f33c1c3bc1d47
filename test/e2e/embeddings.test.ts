import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { embedText } from '../../sim/shared/embed-text.js';
import { countTextTokens } from '../../sim/shared/count-text-tokens.js';
import { startGeminiSimulator, type GeminiSimulator } from '../../sim/gemini/start-gemini-simulator.js';
import { startBedrockSimulator, type BedrockSimulator } from '../../sim/bedrock/start-bedrock-simulator.js';
import { countInputTokens } from '../../src/core/estimate-tokens.js';
import { expectedCost } from '../support/expected-cost.js';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

const OPENAI_EMBED_PRICES = { prompt: '0.00000002', completion: '0' } as const;
const GEMINI_EMBED_PRICES = { prompt: '0.00000015', completion: '0' } as const;
const BEDROCK_EMBED_PRICES = { prompt: '0.0000001', completion: '0' } as const;
const BEDROCK_CREDENTIALS = { accessKeyId: 'AKIAE2ESIMULATOR0002', secretAccessKey: 'e2e-embed-secret' };
const TITAN_MODEL = 'amazon/titan-embed-text-v2';
const COHERE_MODEL = 'cohere/embed-english-v3';
const OPENAI_MODEL = 'openai/text-embedding-3-small';
const GEMINI_MODEL = 'google/gemini-embedding-001';

/** float32 precision, as the vectors travel (base64 of float32, or floats rounded from float32). */
const f32 = (vector: Float32Array) => Array.from(vector);

describe('POST /api/v1/embeddings with the openai SDK', () => {
  let stack: TestStack;
  let gemini: GeminiSimulator;
  let bedrock: BedrockSimulator;
  let client: OpenAI;

  before(async () => {
    gemini = await startGeminiSimulator();
    bedrock = await startBedrockSimulator({ credentials: BEDROCK_CREDENTIALS, region: 'us-east-1', apiKeys: ['bedrock-embed-key'] });
    stack = await startTestStack({
      extraProviders: () => [
        { id: 'google', base_url: gemini.geminiBaseUrl, api_key: 'gm-sim-key' },
        { id: 'amazon-bedrock', base_url: bedrock.url, aws: { region: 'us-east-1', access_key_id: BEDROCK_CREDENTIALS.accessKeyId, secret_access_key: BEDROCK_CREDENTIALS.secretAccessKey } },
        { id: 'bedrock-key', name: 'Bedrock (API key)', protocol: 'bedrock', base_url: bedrock.url, api_key: 'bedrock-embed-key' },
      ],
      extraModels: [
        { id: TITAN_MODEL, name: 'Titan Embeddings v2 (sim)', input_modalities: ['text'], output_modalities: ['embeddings'], endpoints: [{ provider: 'amazon-bedrock', model: 'amazon.titan-embed-text-v2:0', pricing: BEDROCK_EMBED_PRICES }] },
        { id: COHERE_MODEL, name: 'Cohere Embed English v3 (sim)', input_modalities: ['text'], output_modalities: ['embeddings'], endpoints: [{ provider: 'bedrock-key', model: 'cohere.embed-english-v3', pricing: BEDROCK_EMBED_PRICES }] },
        {
          id: OPENAI_MODEL,
          name: 'OpenAI: Text Embedding 3 Small (sim)',
          context_length: 8192,
          input_modalities: ['text'],
          output_modalities: ['embeddings'],
          endpoints: [{ provider: 'sim-a', model: 'text-embedding-3-small', pricing: OPENAI_EMBED_PRICES }],
        },
        {
          id: GEMINI_MODEL,
          name: 'Google: Gemini Embedding 001 (sim)',
          context_length: 2048,
          input_modalities: ['text'],
          output_modalities: ['embeddings'],
          endpoints: [{ provider: 'google', model: 'gemini-embedding-001', pricing: GEMINI_EMBED_PRICES }],
        },
      ],
    });
    client = new OpenAI({ baseURL: stack.baseURL, apiKey: stack.apiKey, maxRetries: 0 });
  });
  after(async () => {
    await stack.close();
    await gemini.close();
    await bedrock.close();
  });
  beforeEach(() => stack.sim.reset());

  it('embeds an array in input order (SDK default base64, encoded by the gateway), priced and recorded as a generation', async () => {
    const inputs = ['the first text', 'a second, longer text about embeddings', 'third'];
    const { data: body, response } = await client.embeddings.create({ model: OPENAI_MODEL, input: inputs }).withResponse();
    assert.equal(body.object, 'list');
    assert.equal(body.model, OPENAI_MODEL);
    assert.deepEqual(body.data.map((item) => item.index), [0, 1, 2]);
    inputs.forEach((text, index) => assert.deepEqual(body.data[index]?.embedding, f32(embedText(text, 1536)), `vector ${index}`));
    const upstream = stack.sim.requests.at(-1)?.body as { input: string[]; encoding_format: string; model: string };
    assert.deepEqual(upstream, { model: 'text-embedding-3-small', input: inputs, encoding_format: 'float' });
    const prompt = inputs.reduce((sum, text) => sum + countTextTokens(text), 0);
    const usage = body.usage as OpenAI.CreateEmbeddingResponse.Usage & { cost: number };
    assert.equal(usage.prompt_tokens, prompt);
    assert.equal(usage.total_tokens, prompt);
    assert.equal(usage.cost, expectedCost({ prompt, completion: 0 }, OPENAI_EMBED_PRICES));
    const id = response.headers.get('x-generation-id');
    assert.equal((body as unknown as { id: string }).id, id);
    const generation = await fetch(`${stack.baseURL}/generation?id=${id}`, { headers: { authorization: `Bearer ${stack.apiKey}` } });
    const { data } = (await generation.json()) as { data: { api_type: string; tokens_prompt: number; tokens_completion: number; total_cost: number; model: string } };
    assert.equal(data.api_type, 'embeddings');
    assert.equal(data.model, OPENAI_MODEL);
    assert.equal(data.tokens_prompt, prompt);
    assert.equal(data.tokens_completion, 0);
    assert.equal(data.total_cost, usage.cost);
  });

  it('takes a single string, dimensions and encoding_format float', async () => {
    const body = await client.embeddings.create({ model: OPENAI_MODEL, input: 'just one', dimensions: 256, encoding_format: 'float' });
    assert.equal(body.data.length, 1);
    assert.equal(body.data[0]?.embedding.length, 256);
    assert.deepEqual(body.data[0]?.embedding, f32(embedText('just one', 256)));
    assert.equal((stack.sim.requests.at(-1)?.body as { dimensions?: number }).dimensions, 256);
    const raw = await fetch(`${stack.baseURL}/embeddings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: OPENAI_MODEL, input: 'just one', dimensions: 4, encoding_format: 'base64' }),
    });
    const encoded = ((await raw.json()) as { data: Array<{ embedding: string }> }).data[0]?.embedding as string;
    const bytes = Buffer.from(encoded, 'base64');
    assert.equal(bytes.length, 16);
    assert.deepEqual([0, 1, 2, 3].map((i) => bytes.readFloatLE(i * 4)), f32(embedText('just one', 4)));
  });

  it('serves Gemini embedding models through batchEmbedContents; the gateway counts the tokens Gemini does not report', async () => {
    const inputs = ['gemini one', 'gemini two is longer'];
    const body = await client.embeddings.create({ model: GEMINI_MODEL, input: inputs, dimensions: 768 });
    inputs.forEach((text, index) => assert.deepEqual(body.data[index]?.embedding, f32(embedText(text, 768))));
    const upstream = gemini.requests.at(-1) as { path: string; body: { requests: Array<{ model: string; outputDimensionality: number }> } };
    assert.equal(upstream.path, '/v1beta/models/gemini-embedding-001:batchEmbedContents');
    assert.deepEqual(upstream.body.requests.map((entry) => [entry.model, entry.outputDimensionality]), [['models/gemini-embedding-001', 768], ['models/gemini-embedding-001', 768]]);
    const prompt = await countInputTokens(inputs);
    const usage = body.usage as OpenAI.CreateEmbeddingResponse.Usage & { cost: number };
    assert.ok(prompt > 0);
    assert.equal(usage.prompt_tokens, prompt);
    assert.equal(usage.cost, expectedCost({ prompt, completion: 0 }, GEMINI_EMBED_PRICES));
  });

  it('serves Bedrock Titan (SigV4, one signed InvokeModel per input, token counts summed) and Cohere (API key, one batch; counted by the gateway)', async () => {
    bedrock.reset();
    const inputs = ['titan first', 'titan second text', 'third'];
    const titan = await client.embeddings.create({ model: TITAN_MODEL, input: inputs, dimensions: 256 });
    inputs.forEach((text, index) => assert.deepEqual(titan.data[index]?.embedding, f32(embedText(text, 256)), `titan vector ${index}`));
    const calls = bedrock.requests.filter((request) => request.operation === 'invoke');
    assert.equal(calls.length, 3);
    assert.ok(calls.every((request) => request.auth === 'sigv4' && request.rawPath === '/model/amazon.titan-embed-text-v2%3A0/invoke'), JSON.stringify(calls.map((c) => [c.auth, c.rawPath])));
    assert.deepEqual(calls.map((request) => (request.body as { inputText: string }).inputText).sort(), [...inputs].sort());
    const titanTokens = inputs.reduce((sum, text) => sum + countTextTokens(text), 0);
    assert.equal(titan.usage.prompt_tokens, titanTokens);
    assert.equal((titan.usage as { cost?: number }).cost, expectedCost({ prompt: titanTokens, completion: 0 }, BEDROCK_EMBED_PRICES));

    const cohere = await client.embeddings.create({ model: COHERE_MODEL, input: inputs });
    inputs.forEach((text, index) => assert.deepEqual(cohere.data[index]?.embedding, f32(embedText(text, 1024)), `cohere vector ${index}`));
    const batch = bedrock.requests.at(-1);
    assert.equal(batch?.auth, 'bearer');
    assert.deepEqual(batch?.body, { texts: inputs, input_type: 'search_document', embedding_types: ['float'] });
    assert.equal(cohere.usage.prompt_tokens, await countInputTokens(inputs));
    await assert.rejects(
      client.embeddings.create({ model: COHERE_MODEL, input: 'x', dimensions: 256 }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && /dimensions is not supported by cohere\.embed-english-v3/.test(error.message),
    );
  });

  it('lists embedding models with their modality: /models reports them, /embeddings/models lists only them', async () => {
    const all = (await (await fetch(`${stack.baseURL}/models`)).json()) as { data: Array<{ id: string; architecture: { input_modalities: string[]; output_modalities: string[] } }> };
    const entry = all.data.find((model) => model.id === OPENAI_MODEL);
    assert.deepEqual(entry?.architecture.output_modalities, ['embeddings']);
    assert.deepEqual(entry?.architecture.input_modalities, ['text']);
    const only = (await (await fetch(`${stack.baseURL}/embeddings/models`)).json()) as { data: Array<{ id: string }> };
    assert.deepEqual(only.data.map((model) => model.id).sort(), [TITAN_MODEL, COHERE_MODEL, GEMINI_MODEL, OPENAI_MODEL].sort());
  });

  it('refuses a chat model for embeddings and an embedding model for chat, and what it cannot take, naming it', async () => {
    await assert.rejects(client.embeddings.create({ model: 'sim/echo', input: 'x' }), (error: unknown) => error instanceof OpenAI.BadRequestError && /sim\/echo is not an embedding model/.test(error.message));
    await assert.rejects(
      client.chat.completions.create({ model: OPENAI_MODEL, messages: [{ role: 'user', content: 'hi' }] }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && /is an embedding model; send it to \/api\/v1\/embeddings/.test(error.message),
    );
    const post = (body: unknown) =>
      fetch(`${stack.baseURL}/embeddings`, { method: 'POST', headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    for (const [body, pattern] of [
      [{ model: OPENAI_MODEL, input: [1, 2, 3] }, /input: input must be a string or an array of strings \(token-id inputs are not supported\)/],
      [{ model: OPENAI_MODEL, input: [] }, /input/],
      [{ model: OPENAI_MODEL, input: 'x', stream: true }, /stream is not supported/],
      [{ model: OPENAI_MODEL, input: 'x', encoding_format: 'int8' }, /encoding_format/],
      [{ model: OPENAI_MODEL, input: 'x', temperature: 1 }, /temperature/],
    ] as const) {
      const response = await post(body);
      assert.equal(response.status, 400, JSON.stringify(body));
      const error = ((await response.json()) as { error: { code: number; message: string } }).error;
      assert.equal(error.code, 400);
      assert.match(error.message, pattern);
    }
    assert.equal(stack.sim.requests.length, 0, 'nothing reached the upstream');
  });
});
