import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import { startGeminiStack, type GeminiStack } from '../support/start-gemini-stack.js';
import { readPngSize } from '../support/read-png-size.js';

type ImageEntry = { type: string; image_url: { url: string } };
const MODEL = 'google/gemini-2.5-flash-image';

describe('image output through the response cache and the content log (Gemini simulator)', () => {
  let stack: GeminiStack;
  let client: OpenAI;
  let loggedKey: string;
  before(async () => {
    stack = await startGeminiStack();
    client = new OpenAI({ apiKey: stack.apiKey, baseURL: stack.baseURL, maxRetries: 0 });
    const logged = await stack.createKey({ name: 'logged key' });
    loggedKey = logged.key;
    const response = await fetch(`${stack.baseURL}/workspace/privacy`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${stack.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ key_logging: { [logged.data.hash as string]: 7 } }),
    });
    assert.equal(response.status, 200);
  });
  after(() => stack.close());

  it('replays cached images, whole and streamed, without calling the upstream again', async () => {
    const cacheOn = { headers: { 'X-OpenRouter-Cache': 'true' } };
    const body = { model: MODEL, messages: [{ role: 'user' as const, content: 'cache this painting' }], modalities: ['image', 'text'] } as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming;
    const first = await client.chat.completions.create(body, cacheOn).withResponse();
    const second = await client.chat.completions.create(body, cacheOn).withResponse();
    assert.equal(second.response.headers.get('x-openrouter-cache-status'), 'HIT');
    const images = (data: OpenAI.ChatCompletion) => (data.choices[0]?.message as { images?: ImageEntry[] }).images;
    assert.equal(images(second.data)?.length, 1);
    assert.equal(images(second.data)?.[0]?.image_url.url, images(first.data)?.[0]?.image_url.url);

    const streamBody = { ...body, stream: true, messages: [{ role: 'user', content: 'cache this stream' }] } as unknown as OpenAI.ChatCompletionCreateParamsStreaming;
    const collect = async () => {
      const { data: stream, response } = await client.chat.completions.create(streamBody, cacheOn).withResponse();
      const urls: string[] = [];
      for await (const chunk of stream) for (const image of (chunk.choices[0]?.delta as { images?: ImageEntry[] } | undefined)?.images ?? []) urls.push(image.image_url.url);
      return { urls, status: response.headers.get('x-openrouter-cache-status') };
    };
    const live = await collect();
    const replayed = await collect();
    assert.equal(replayed.status, 'HIT');
    assert.equal(live.urls.length, 1);
    assert.deepEqual(replayed.urls, live.urls);
    assert.deepEqual(readPngSize(replayed.urls[0] ?? ''), { width: 64, height: 64 });
    assert.equal(stack.gemini.requests.filter((request) => request.path.includes('gemini-2.5-flash-image')).length, 2, 'one upstream call per distinct request');
  });

  it('logs the text of an image answer but not the image data', async () => {
    const logged = new OpenAI({ apiKey: loggedKey, baseURL: stack.baseURL, maxRetries: 0 });
    const reply = await logged.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'log-me-heron' }], modalities: ['image', 'text'] } as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming);
    const url = (reply.choices[0]?.message as { images?: ImageEntry[] }).images?.[0]?.image_url.url ?? '';
    const base64 = url.replace(/^data:image\/png;base64,/, '');
    assert.ok(base64.length >= 64, 'the simulator image is long enough to be omitted');

    const stream = await logged.chat.completions.create({ model: MODEL, stream: true, messages: [{ role: 'user', content: 'log-me-egret' }], modalities: ['image', 'text'] } as unknown as OpenAI.ChatCompletionCreateParamsStreaming);
    let streamId = '';
    for await (const chunk of stream) streamId = chunk.id;

    const read = async (id: string) =>
      (await (await fetch(`${stack.baseURL}/generation/content?id=${encodeURIComponent(id)}`, { headers: { authorization: `Bearer ${loggedKey}` } })).json()) as { data: { output: unknown } };
    const whole = JSON.stringify((await read(reply.id)).data.output);
    assert.match(whole, /Echo: log-me-heron/);
    assert.match(whole, /data:image\/png;base64,\[image omitted: \d+ base64 chars\]/);
    assert.ok(!whole.includes(base64));
    const streamed = JSON.stringify((await read(streamId)).data.output);
    assert.match(streamed, /Echo: log-me-egret/);
    assert.match(streamed, /\[image omitted: \d+ base64 chars\]/);

    await fetch(`${stack.baseURL}/generation?id=${reply.id}`, { headers: { authorization: `Bearer ${loggedKey}` } }); // flushes records
    const bytes = readdirSync(stack.dataDir).filter((name) => name.includes('.db')).map((name) => readFileSync(join(stack.dataDir, name)).toString('latin1')).join('\n');
    assert.ok(bytes.includes('log-me-heron'), 'the scan sees logged text');
    assert.ok(!bytes.includes(base64), 'no image data in the database');
  });
});
