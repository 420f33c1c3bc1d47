import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startGeminiStack, type GeminiStack } from '../support/start-gemini-stack.js';
import { readPngSize } from '../support/read-png-size.js';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type ImageEntry = { type: string; image_url: { url: string } };
type Usage = OpenAI.CompletionUsage & { cost: number; completion_tokens_details: { image_tokens: number } };

const MODEL = 'google/gemini-2.5-flash-image';
/** The built-in catalog's prices of google/gemini-2.5-flash-image on `google`, in picodollars per token. */
const PICO = { prompt: 300_000n, completion: 2_500_000n, imageOutput: 30_000_000n };
/** What the Gemini simulator reports for one generated image (candidatesTokensDetails IMAGE). */
const IMAGE_TOKENS = 1290;

/** Cost in USD of a generation with `imageTokens` of its completion being image tokens. */
function expectedImageCost(usage: { prompt: number; completion: number; imageTokens: number }): number {
  const pico = BigInt(usage.prompt) * PICO.prompt + BigInt(usage.completion - usage.imageTokens) * PICO.completion + BigInt(usage.imageTokens) * PICO.imageOutput;
  return Number(pico) / 1e12;
}

describe('image output: openai SDK → Switchyard → Gemini (simulator)', () => {
  let stack: GeminiStack;
  let client: OpenAI;
  const lastGeminiBody = () => stack.gemini.requests.at(-1)?.body as Body;
  const post = (body: unknown) =>
    fetch(`${stack.baseURL}/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  before(async () => {
    stack = await startGeminiStack();
    client = new OpenAI({ apiKey: stack.apiKey, baseURL: stack.baseURL, maxRetries: 0 });
  });
  beforeEach(() => stack.gemini.reset());
  after(() => stack.close());

  it('returns message.images as a PNG data URL with image_config applied, billed at image_output per image token', async () => {
    const data = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'Draw a lighthouse at dusk' }],
      modalities: ['image', 'text'],
      image_config: { aspect_ratio: '16:9' },
    } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    const message = data.choices[0]?.message as OpenAI.ChatCompletionMessage & { images?: ImageEntry[] };
    assert.equal(message.content, 'Echo: Draw a lighthouse at dusk');
    assert.equal(message.images?.length, 1);
    assert.equal(message.images?.[0]?.type, 'image_url');
    assert.match(message.images?.[0]?.image_url.url ?? '', /^data:image\/png;base64,/);
    assert.deepEqual(readPngSize(message.images?.[0]?.image_url.url ?? ''), { width: 128, height: 72 }, '16:9 reached Gemini');

    const sent = lastGeminiBody().generationConfig;
    assert.deepEqual(sent.responseModalities, ['TEXT', 'IMAGE']);
    assert.deepEqual(sent.imageConfig, { aspectRatio: '16:9' });

    const usage = data.usage as Usage;
    assert.equal(usage.completion_tokens_details.image_tokens, IMAGE_TOKENS);
    assert.ok(usage.completion_tokens > IMAGE_TOKENS, 'text tokens come on top of the image');
    const cost = expectedImageCost({ prompt: usage.prompt_tokens, completion: usage.completion_tokens, imageTokens: IMAGE_TOKENS });
    assert.equal(usage.cost, cost);
    assert.ok(cost > IMAGE_TOKENS * 0.00003, 'the image is priced at image_output, not at the completion rate');

    const generation = await fetch(`${stack.baseURL}/generation?id=${data.id}`, { headers: { authorization: `Bearer ${stack.apiKey}` } });
    const record = ((await generation.json()) as { data: Record<string, unknown> }).data;
    assert.equal(record.total_cost, cost);
    assert.equal(record.tokens_completion, usage.completion_tokens);
    assert.equal(record.native_tokens_completion_images, IMAGE_TOKENS, 'the image share of the completion is stored');
  });

  it('streams the image as delta.images on one chunk, then the priced usage chunk', async () => {
    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'a red fox' }],
      modalities: ['image', 'text'],
      stream: true,
    } as unknown as OpenAI.ChatCompletionCreateParamsStreaming);
    let text = '';
    const images: ImageEntry[] = [];
    let usage: Usage | undefined;
    let finish: string | null = null;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as (OpenAI.ChatCompletionChunk.Choice.Delta & { images?: ImageEntry[] }) | undefined;
      text += delta?.content ?? '';
      images.push(...(delta?.images ?? []));
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage as Usage;
    }
    assert.equal(text, 'Echo: a red fox');
    assert.equal(images.length, 1);
    assert.deepEqual(readPngSize(images[0]?.image_url.url ?? ''), { width: 64, height: 64 });
    assert.equal(finish, 'stop');
    assert.ok(usage);
    assert.equal(usage.completion_tokens_details.image_tokens, IMAGE_TOKENS);
    assert.equal(usage.cost, expectedImageCost({ prompt: usage.prompt_tokens, completion: usage.completion_tokens, imageTokens: IMAGE_TOKENS }));
    assert.equal(stack.gemini.requests.at(-1)?.query, 'alt=sse');
  });

  it('refuses image output from a text-only model with a 400 naming the model and the modality', async () => {
    const response = await post({ model: 'google/gemini-2.5-flash', messages: [{ role: 'user', content: 'draw' }], modalities: ['image', 'text'] });
    assert.equal(response.status, 400);
    const body = (await response.json()) as { error: { code: number; message: string; metadata: Record<string, unknown> } };
    assert.equal(body.error.code, 400);
    assert.match(body.error.message, /google\/gemini-2\.5-flash/);
    assert.match(body.error.message, /"image"/);
    assert.equal(body.error.metadata.unsupported_modality, 'image');
    assert.equal(stack.gemini.requests.length, 0, 'nothing reached the upstream');
  });

  it('refuses audio output, image_config on a text model, an unknown image_config key and a bad modality, naming each', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ model: MODEL, messages: [{ role: 'user', content: 'x' }], modalities: ['text', 'audio'] }, /Audio output/],
      [{ model: 'google/gemini-2.5-flash', messages: [{ role: 'user', content: 'x' }], image_config: { aspect_ratio: '1:1' } }, /image_config.*google\/gemini-2\.5-flash/],
      [{ model: MODEL, messages: [{ role: 'user', content: 'x' }], modalities: ['image'], image_config: { style: 'noir' } }, /image_config\.style/],
      [{ model: MODEL, messages: [{ role: 'user', content: 'x' }], modalities: ['video'] }, /modalities/],
    ];
    for (const [body, pattern] of cases) {
      const response = await post(body);
      assert.equal(response.status, 400, JSON.stringify(body));
      const error = ((await response.json()) as { error: { message: string } }).error;
      assert.match(error.message, pattern);
    }
  });

  it('lists image models with output_modalities and the image_output price', async () => {
    const models = (await (await fetch(`${stack.baseURL}/models?output_modalities=image`)).json()) as { data: Array<{ id: string; architecture: { output_modalities: string[] } }> };
    const entry = models.data.find((model) => model.id === MODEL);
    assert.deepEqual(entry?.architecture.output_modalities, ['image', 'text']);
    assert.ok(models.data.every((model) => model.architecture.output_modalities.includes('image')));
    const endpoints = (await (await fetch(`${stack.baseURL}/models/${MODEL}/endpoints`)).json()) as { data: { endpoints: Array<{ pricing: Record<string, string> }> } };
    assert.equal(endpoints.data.endpoints[0]?.pricing.image_output, '0.00003');
    const images = (await (await fetch(`${stack.baseURL}/images/models`)).json()) as { data: Array<{ id: string; architecture: { output_modalities: string[] } }> };
    assert.ok(images.data.some((model) => model.id === MODEL));
    assert.ok(!images.data.some((model) => model.id === 'google/gemini-2.5-flash'));
    assert.ok(images.data.every((model) => model.architecture.output_modalities.includes('image')));
  });

  it('Responses API: the image_generation tool gives an image_generation_call item with the base64 PNG, billed exactly', async () => {
    const response = await client.responses.create({
      model: MODEL,
      input: 'Draw a lighthouse at dusk',
      tools: [{ type: 'image_generation', size: '1536x1024', partial_images: 1 }],
      store: false,
    });
    const sent = lastGeminiBody().generationConfig;
    assert.deepEqual(sent.responseModalities, ['TEXT', 'IMAGE']);
    assert.deepEqual(sent.imageConfig, { aspectRatio: '3:2' });
    assert.equal(response.output_text, 'Echo: Draw a lighthouse at dusk');
    const images = response.output.filter((item): item is OpenAI.Responses.ResponseOutputItem.ImageGenerationCall => item.type === 'image_generation_call');
    assert.equal(images.length, 1);
    assert.equal(images[0]?.status, 'completed');
    assert.match(images[0]?.id ?? '', /^ig_/);
    assert.deepEqual(readPngSize(`data:image/png;base64,${images[0]?.result}`), { width: 24, height: 16 }, '3:2 reached Gemini (the simulator sizes it so)');
    const usage = response.usage as OpenAI.Responses.ResponseUsage & { cost: number };
    const cost = expectedImageCost({ prompt: usage.input_tokens, completion: usage.output_tokens, imageTokens: IMAGE_TOKENS });
    assert.equal(usage.cost, cost);
    const record = ((await (await fetch(`${stack.baseURL}/generation?id=${response.id}`, { headers: { authorization: `Bearer ${stack.apiKey}` } })).json()) as { data: Record<string, unknown> }).data;
    assert.equal(record.total_cost, cost);
    assert.equal(record.native_tokens_completion_images, IMAGE_TOKENS);
  });

  it('Responses API stream: image_generation_call events in order through responses.stream(), the final response holds the image', async () => {
    const stream = client.responses.stream({ model: MODEL, input: 'a red fox', tools: [{ type: 'image_generation' }], tool_choice: { type: 'image_generation' }, store: false });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    const final = await stream.finalResponse();
    const image = final.output.find((item) => item.type === 'image_generation_call') as OpenAI.Responses.ResponseOutputItem.ImageGenerationCall | undefined;
    assert.deepEqual(readPngSize(`data:image/png;base64,${image?.result}`), { width: 64, height: 64 });
    assert.equal(final.output_text, 'Echo: a red fox');
    const imageEvents = types.filter((type) => type.startsWith('response.image_generation_call.'));
    assert.deepEqual(imageEvents, ['response.image_generation_call.in_progress', 'response.image_generation_call.generating', 'response.image_generation_call.completed']);
    const added = types.lastIndexOf('response.output_item.added');
    assert.ok(added < types.indexOf('response.image_generation_call.in_progress') && types.lastIndexOf('response.output_item.done') > types.indexOf('response.image_generation_call.completed'));
    assert.equal(types.at(-1), 'response.completed');
    const usage = final.usage as OpenAI.Responses.ResponseUsage & { cost: number };
    assert.equal(usage.cost, expectedImageCost({ prompt: usage.input_tokens, completion: usage.output_tokens, imageTokens: IMAGE_TOKENS }));
    assert.equal(stack.gemini.requests.at(-1)?.query, 'alt=sse');
  });

  it('Responses API: refuses image tool options no upstream honours, and images from a text-only model, naming each', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ model: MODEL, input: 'x', tools: [{ type: 'image_generation', quality: 'high' }] }, /"quality"/],
      [{ model: MODEL, input: 'x', tools: [{ type: 'image_generation', output_format: 'webp' }] }, /"output_format"/],
      [{ model: MODEL, input: 'x', tools: [{ type: 'image_generation', size: '512x512' }] }, /size "512x512"/],
      [{ model: MODEL, input: 'x', tool_choice: { type: 'image_generation' } }, /no image_generation tool/],
      [{ model: 'google/gemini-2.5-flash', input: 'x', tools: [{ type: 'image_generation' }] }, /google\/gemini-2\.5-flash/],
    ];
    for (const [body, pattern] of cases) {
      const response = await fetch(`${stack.baseURL}/responses`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      assert.equal(response.status, 400, JSON.stringify(body));
      const error = ((await response.json()) as { error: { message: string } }).error;
      assert.match(error.message, pattern);
    }
    assert.equal(stack.gemini.requests.length, 0);
  });

  it('Anthropic Messages: asking for images is refused by name (the Messages API has no image block to carry them)', async () => {
    const response = await fetch(`${stack.baseURL}/messages`, {
      method: 'POST',
      headers: { 'x-api-key': stack.apiKey, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, max_tokens: 64, messages: [{ role: 'user', content: 'draw' }], modalities: ['image', 'text'] }),
    });
    assert.equal(response.status, 400);
    const body = (await response.json()) as { type: string; error: { type: string; message: string } };
    assert.match(body.error.message, /Image output is not available on \/api\/v1\/messages/);
    assert.equal(stack.gemini.requests.length, 0);
  });
});
