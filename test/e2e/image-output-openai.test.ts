import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';
import { readPngSize } from '../support/read-png-size.js';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type ImageEntry = { type: string; image_url: { url: string } };
type Usage = OpenAI.CompletionUsage & { cost: number; completion_tokens_details: { image_tokens: number } };

const MODEL = 'openai/gpt-5-image';
/** openai/gpt-5-image's prices in the public catalog (USD per token), served here by the `openai` preset. */
const PRICES = { prompt: '0.00001', completion: '0.00001', image_output: '0.00004', input_cache_read: '0.00000125' };
const PICO = { prompt: 10_000_000n, completion: 10_000_000n, imageOutput: 40_000_000n };

function expectedCost(usage: { prompt: number; completion: number; imageTokens: number }): number {
  return Number(BigInt(usage.prompt) * PICO.prompt + BigInt(usage.completion - usage.imageTokens) * PICO.completion + BigInt(usage.imageTokens) * PICO.imageOutput) / 1e12;
}

describe('image output: openai SDK → Switchyard → OpenAI Responses image tool (simulator)', () => {
  let stack: TestStack;
  let client: OpenAI;
  const upstream = () => stack.sim.requests.filter((request) => request.path === '/v1/responses');
  before(async () => {
    stack = await startTestStack({ extraModels: [{ id: MODEL, name: 'GPT-5 Image', context_length: 400000, endpoints: [{ provider: 'openai', model: 'gpt-5', pricing: PRICES }] }] });
    client = new OpenAI({ apiKey: stack.apiKey, baseURL: stack.baseURL, maxRetries: 0 });
  });
  beforeEach(() => stack.sim.reset());
  after(() => stack.close());

  it('calls /responses with the image_generation tool and returns message.images, image tokens billed at image_output', async () => {
    const data = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'system', content: 'You draw.' }, { role: 'user', content: 'Paint a harbour at night' }],
      modalities: ['image', 'text'],
      image_config: { aspect_ratio: '3:2' },
      max_tokens: 500,
    } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    const message = data.choices[0]?.message as OpenAI.ChatCompletionMessage & { images?: ImageEntry[] };
    assert.equal(message.content, 'Echo: Paint a harbour at night');
    assert.equal(message.images?.length, 1);
    assert.deepEqual(readPngSize(message.images?.[0]?.image_url.url ?? ''), { width: 96, height: 64 }, '3:2 became size 1536x1024');
    assert.equal(data.choices[0]?.finish_reason, 'stop');

    const sent = upstream().at(-1)?.body as Body;
    assert.equal(sent.model, 'gpt-5');
    assert.deepEqual(sent.tools, [{ type: 'image_generation', output_format: 'png', size: '1536x1024' }]);
    assert.deepEqual(sent.tool_choice, { type: 'image_generation' });
    assert.equal(sent.store, false);
    assert.equal(sent.max_output_tokens, 500);
    assert.deepEqual(sent.input[0], { role: 'developer', content: [{ type: 'input_text', text: 'You draw.' }] });
    assert.equal(stack.sim.requests.filter((request) => request.path === '/v1/chat/completions').length, 0);

    const usage = data.usage as Usage;
    assert.equal(usage.completion_tokens_details.image_tokens, 1584, 'tool_usage.image_gen.output_tokens');
    assert.equal(usage.cost, expectedCost({ prompt: usage.prompt_tokens, completion: usage.completion_tokens, imageTokens: 1584 }));
  });

  it('a Responses client with the image_generation tool: the tool reaches OpenAI with its size, the image comes back as an image_generation_call item, billed exactly', async () => {
    const response = await client.responses.create({ model: MODEL, input: 'Paint a harbour at night', tools: [{ type: 'image_generation', size: '1024x1536' }], store: false });
    const sent = upstream().at(-1)?.body as Body;
    assert.deepEqual(sent.tools, [{ type: 'image_generation', output_format: 'png', size: '1024x1536' }]);
    const image = response.output.find((item) => item.type === 'image_generation_call') as OpenAI.Responses.ResponseOutputItem.ImageGenerationCall | undefined;
    assert.equal(image?.status, 'completed');
    assert.deepEqual(readPngSize(`data:image/png;base64,${image?.result}`), { width: 64, height: 96 }, '2:3 round trip');
    assert.equal(response.output_text, 'Echo: Paint a harbour at night');
    const usage = response.usage as OpenAI.Responses.ResponseUsage & { cost: number };
    assert.equal(usage.cost, expectedCost({ prompt: usage.input_tokens, completion: usage.output_tokens, imageTokens: 1584 }));
  });

  it('streams the image as delta.images and prices the stream the same way', async () => {
    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'a lighthouse' }],
      modalities: ['image', 'text'],
      stream: true,
    } as unknown as OpenAI.ChatCompletionCreateParamsStreaming);
    let text = '';
    const images: ImageEntry[] = [];
    let usage: Usage | undefined;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as { content?: string; images?: ImageEntry[] } | undefined;
      text += delta?.content ?? '';
      images.push(...(delta?.images ?? []));
      if (chunk.usage) usage = chunk.usage as Usage;
    }
    assert.equal(text, 'Echo: a lighthouse');
    assert.equal(images.length, 1);
    assert.deepEqual(readPngSize(images[0]?.image_url.url ?? ''), { width: 64, height: 64 });
    assert.ok(usage);
    assert.equal(usage.completion_tokens_details.image_tokens, 1056);
    assert.equal(usage.cost, expectedCost({ prompt: usage.prompt_tokens, completion: usage.completion_tokens, imageTokens: 1056 }));
    assert.equal((upstream().at(-1)?.body as Body).stream, true);
  });

  it('refuses what the image tool cannot take, naming it, before calling the upstream', async () => {
    const post = (body: unknown) =>
      fetch(`${stack.baseURL}/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const cases: Array<[unknown, RegExp]> = [
      [{ model: MODEL, messages: [{ role: 'user', content: 'x' }], modalities: ['image', 'text'], image_config: { aspect_ratio: '16:9' } }, /aspect_ratio "16:9"/],
      [{ model: MODEL, messages: [{ role: 'user', content: 'x' }], modalities: ['image', 'text'], image_config: { image_size: '2K' } }, /image_config\.image_size/],
      [{ model: 'sim/echo', messages: [{ role: 'user', content: 'x' }], modalities: ['image', 'text'] }, /sim\/echo does not support "image" output/],
    ];
    for (const [body, pattern] of cases) {
      const response = await post(body);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.match(((await response.json()) as { error: { message: string } }).error.message, pattern);
    }
    assert.equal(upstream().length, 0);
  });

  it('keeps text-only requests to the same model on chat completions', async () => {
    const data = await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'just words' }] });
    assert.equal(data.choices[0]?.message.content, 'Echo: just words');
    assert.equal(upstream().length, 0);
    assert.equal(stack.sim.requests.at(-1)?.path, '/v1/chat/completions');
  });
});
