import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { ANTHROPIC_UPSTREAM, BEDROCK_UPSTREAM, type RunningUpstream, type UpstreamDescriptor } from '../support/conformance/conformance-upstreams.js';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';
import { expectedCost } from '../support/expected-cost.js';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Usage = OpenAI.Responses.ResponseUsage & { cost: number; input_tokens_details: { cache_write_tokens?: number } };

const INSTRUCTIONS = 'You are the caching assistant. Keep to the house style. '.repeat(30);

/** Starts one upstream simulator behind a gateway; a Responses client with its model. */
async function startStack(upstream: UpstreamDescriptor): Promise<{ stack: TestStack; running: RunningUpstream; client: OpenAI; model: string }> {
  const running = await upstream.start();
  const model = `cache/${upstream.name}`;
  const stack = await startTestStack({
    config: {
      providers: running.providers,
      models: [{ id: model, name: `Cache ${upstream.name}`, context_length: 200000, endpoints: [{ provider: running.provider, model: running.upstreamModel, pricing: upstream.prices }] }],
    },
  });
  return { stack, running, model, client: new OpenAI({ apiKey: stack.apiKey, baseURL: stack.baseURL, maxRetries: 0 }) };
}

function usageOf(response: OpenAI.Responses.Response): { prompt: number; completion: number; cacheRead: number; cacheWrite: number; cost: number } {
  const usage = response.usage as Usage;
  return {
    prompt: usage.input_tokens,
    completion: usage.output_tokens,
    cacheRead: usage.input_tokens_details.cached_tokens,
    cacheWrite: usage.input_tokens_details.cache_write_tokens ?? 0,
    cost: usage.cost,
  };
}

describe('Responses API: top-level cache_control (automatic prompt caching), openai SDK → Switchyard → Anthropic', () => {
  let env: Awaited<ReturnType<typeof startStack>>;
  before(async () => {
    env = await startStack(ANTHROPIC_UPSTREAM);
  });
  after(async () => {
    await env.stack.close();
    await env.running.close();
  });

  it('forwards cache_control at the top level; the repeat reads the whole prompt from the cache, priced exactly', async () => {
    const body = { model: env.model, instructions: INSTRUCTIONS, input: 'cache me', store: false, cache_control: { type: 'ephemeral', ttl: '5m' } };
    const first = await env.client.responses.create(body as unknown as OpenAI.Responses.ResponseCreateParamsNonStreaming);
    assert.deepEqual((env.running.lastBody() as Body).cache_control, { type: 'ephemeral', ttl: '5m' });
    const written = usageOf(first);
    assert.ok(written.cacheWrite > 100, `cache write reported (${written.cacheWrite})`);
    assert.equal(written.cost, expectedCost(written, ANTHROPIC_UPSTREAM.prices));
    const second = usageOf(await env.client.responses.create(body as unknown as OpenAI.Responses.ResponseCreateParamsNonStreaming));
    assert.equal(second.cacheRead, written.cacheWrite, 'the same prompt is read back');
    assert.equal(second.cost, expectedCost(second, ANTHROPIC_UPSTREAM.prices));
    assert.ok(second.cost < written.cost);
  });

  it('refuses a malformed cache_control and a marker on an image part, naming the field', async () => {
    const post = (body: unknown) =>
      fetch(`${env.stack.baseURL}/responses`, { method: 'POST', headers: { authorization: `Bearer ${env.stack.apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const before = env.running.lastBody();
    const cases: unknown[] = [
      { model: env.model, input: 'x', cache_control: { type: 'persistent' } },
      { model: env.model, input: [{ role: 'user', content: [{ type: 'input_text', text: 'x', cache_control: { type: 'ephemeral', ttl: '2d' } }] }] },
      { model: env.model, input: [{ role: 'user', content: [{ type: 'input_image', image_url: 'data:image/png;base64,AAAA', cache_control: { type: 'ephemeral' } }] }] },
    ];
    for (const body of cases) {
      const response = await post(body);
      assert.equal(response.status, 400, JSON.stringify(body));
      const error = ((await response.json()) as { error: { code: number; message: string } }).error;
      assert.equal(error.code, 400);
      assert.match(error.message, /cache_control/);
    }
    assert.equal(env.running.lastBody(), before, 'nothing reached the upstream');
  });
});

describe('Responses API: top-level cache_control, openai SDK → Switchyard → Bedrock Converse', () => {
  let env: Awaited<ReturnType<typeof startStack>>;
  before(async () => {
    env = await startStack(BEDROCK_UPSTREAM);
  });
  after(async () => {
    await env.stack.close();
    await env.running.close();
  });

  it('closes the last message with a cachePoint (the whole prompt is the cached prefix), priced exactly', async () => {
    const first = await env.client.responses.create({
      model: env.model,
      instructions: INSTRUCTIONS,
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'cache me' }] }],
      store: false,
      cache_control: { type: 'ephemeral' },
    } as unknown as OpenAI.Responses.ResponseCreateParamsNonStreaming);
    const sent = env.running.lastBody() as Body;
    assert.deepEqual(sent.messages.at(-1).content.at(-1), { cachePoint: { type: 'default' } });
    assert.equal(sent.messages.at(-1).content.filter((block: Body) => block.cachePoint).length, 1);
    assert.ok(!JSON.stringify(sent.system).includes('cachePoint'), 'no marker the client did not ask for');
    const written = usageOf(first);
    assert.equal(written.cacheWrite, written.prompt, 'everything up to the end of the prompt is written');
    assert.equal(written.cost, expectedCost(written, BEDROCK_UPSTREAM.prices));

    const read = usageOf(
      await env.client.responses.create({ model: env.model, instructions: INSTRUCTIONS, input: 'again [[sim:cached=300]]', store: false, cache_control: { type: 'ephemeral' } } as unknown as OpenAI.Responses.ResponseCreateParamsNonStreaming),
    );
    assert.equal(read.cacheRead, 300);
    assert.equal(read.cost, expectedCost(read, BEDROCK_UPSTREAM.prices));
  });

  it('sends no cachePoint without cache_control', async () => {
    await env.client.responses.create({ model: env.model, input: 'plain', store: false });
    assert.ok(!JSON.stringify(env.running.lastBody()).includes('cachePoint'));
  });
});
