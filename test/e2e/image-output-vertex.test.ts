import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startGeminiSimulator } from '../../sim/gemini/start-gemini-simulator.js';
import { startGeminiStack, type GeminiStack } from '../support/start-gemini-stack.js';
import { readPngSize } from '../support/read-png-size.js';

type ImageEntry = { type: string; image_url: { url: string } };
type Usage = OpenAI.CompletionUsage & { cost: number; completion_tokens_details: { image_tokens: number } };

const MODEL = 'sim/vertex-image';
/** Vertex's gemini-2.5-flash-image prices (USD per token; image output $30/M). */
const PRICES = { prompt: '0.0000003', completion: '0.0000025', image_output: '0.00003' };

describe('image output: openai SDK → Switchyard → Vertex AI express mode (simulator)', () => {
  let stack: GeminiStack;
  let client: OpenAI;
  before(async () => {
    const gemini = await startGeminiSimulator();
    stack = await startGeminiStack({
      gemini,
      providers: [{ id: 'google-vertex', base_url: gemini.url, api_key: 'vx-express-key', vertex: { region: 'us-central1' } }],
      models: [{ id: MODEL, name: 'Sim: Vertex image', context_length: 32768, input_modalities: ['text', 'image'], output_modalities: ['image', 'text'], endpoints: [{ provider: 'google-vertex', model: 'gemini-2.5-flash-image', pricing: PRICES }] }],
    });
    client = new OpenAI({ apiKey: stack.apiKey, baseURL: stack.baseURL, maxRetries: 0 });
  });
  after(() => stack.close());

  it('sends responseModalities and imageConfig on the Vertex path and returns the image, streamed and priced', async () => {
    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'a harbour seal' }],
      modalities: ['image', 'text'],
      image_config: { aspect_ratio: '9:16' },
      stream: true,
    } as unknown as OpenAI.ChatCompletionCreateParamsStreaming);
    const images: ImageEntry[] = [];
    let usage: Usage | undefined;
    for await (const chunk of stream) {
      images.push(...((chunk.choices[0]?.delta as { images?: ImageEntry[] } | undefined)?.images ?? []));
      if (chunk.usage) usage = chunk.usage as Usage;
    }
    assert.deepEqual(readPngSize(images[0]?.image_url.url ?? ''), { width: 72, height: 128 });
    const request = stack.gemini.requests.at(-1);
    assert.equal(request?.path, '/v1/publishers/google/models/gemini-2.5-flash-image:streamGenerateContent');
    assert.deepEqual((request?.body as { generationConfig: Record<string, unknown> }).generationConfig.responseModalities, ['TEXT', 'IMAGE']);
    assert.ok(usage);
    assert.equal(usage.completion_tokens_details.image_tokens, 1290);
    const pico = BigInt(usage.prompt_tokens) * 300_000n + BigInt(usage.completion_tokens - 1290) * 2_500_000n + 1290n * 30_000_000n;
    assert.equal(usage.cost, Number(pico) / 1e12);
  });
});
