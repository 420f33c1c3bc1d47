import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

type PricedUsage = OpenAI.CompletionUsage & { cost: number };

describe('response cache (X-OpenRouter-Cache)', () => {
  let stack: TestStack;
  let client: OpenAI;
  const cacheOn = { headers: { 'X-OpenRouter-Cache': 'true' } };

  before(async () => {
    stack = await startTestStack();
    client = new OpenAI({ apiKey: stack.apiKey, baseURL: stack.baseURL, maxRetries: 0 });
  });
  after(() => stack.close());

  async function generation(id: string, key = stack.apiKey): Promise<Record<string, unknown>> {
    const response = await fetch(`${stack.baseURL}/generation?id=${encodeURIComponent(id)}`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(response.status, 200);
    return ((await response.json()) as { data: Record<string, unknown> }).data;
  }

  it('a hit makes no upstream call, is free, has zeroed usage, a fresh id and the source id', async () => {
    const body = { model: 'sim/echo', messages: [{ role: 'user' as const, content: 'cache me once' }] };
    const first = await client.chat.completions.create(body, cacheOn).withResponse();
    assert.equal(first.response.headers.get('x-openrouter-cache-status'), 'MISS');
    assert.equal(first.response.headers.get('x-openrouter-cache-ttl'), '300');
    assert.ok((first.data.usage as PricedUsage).cost > 0);
    const upstreamCalls = stack.sim.requests.length;

    const second = await client.chat.completions.create(body, cacheOn).withResponse();
    assert.equal(stack.sim.requests.length, upstreamCalls, 'a hit must not reach the upstream');
    assert.equal(second.response.headers.get('x-openrouter-cache-status'), 'HIT');
    assert.equal(second.response.headers.get('x-openrouter-cache-source-id'), first.data.id);
    assert.ok(Number(second.response.headers.get('x-openrouter-cache-age')) >= 0);
    assert.ok(Number(second.response.headers.get('x-openrouter-cache-ttl')) <= 300);
    assert.notEqual(second.data.id, first.data.id);
    assert.equal(second.response.headers.get('x-generation-id'), second.data.id);
    assert.equal(second.data.choices[0]?.message.content, first.data.choices[0]?.message.content);
    const usage = second.data.usage as PricedUsage;
    assert.deepEqual([usage.prompt_tokens, usage.completion_tokens, usage.total_tokens, usage.cost], [0, 0, 0, 0]);

    const record = await generation(second.data.id);
    assert.equal(record.response_cache_source_id, first.data.id);
    assert.equal(record.total_cost, 0);
    assert.equal(record.model, 'sim/echo');
    assert.equal((await generation(first.data.id)).response_cache_source_id, null);
  });

  it('replays a cached stream as a stream with the same content and zero usage', async () => {
    const body = { model: 'sim/echo', stream: true as const, messages: [{ role: 'user' as const, content: 'stream me [[sim:words=6]]' }] };
    const collect = async () => {
      const { data: stream, response } = await client.chat.completions.create(body, cacheOn).withResponse();
      let text = '';
      let usage: PricedUsage | undefined;
      let id = '';
      for await (const chunk of stream) {
        id = chunk.id;
        text += chunk.choices[0]?.delta.content ?? '';
        if (chunk.usage) usage = chunk.usage as PricedUsage;
      }
      return { text, usage, id, status: response.headers.get('x-openrouter-cache-status') };
    };
    const first = await collect();
    const calls = stack.sim.requests.length;
    const second = await collect();
    assert.equal(first.status, 'MISS');
    assert.equal(second.status, 'HIT');
    assert.equal(stack.sim.requests.length, calls);
    assert.ok(first.text.length > 0);
    assert.equal(second.text, first.text);
    assert.notEqual(second.id, first.id);
    assert.ok((first.usage?.cost ?? 0) > 0);
    assert.equal(second.usage?.cost, 0);
    assert.equal(second.usage?.total_tokens, 0);
  });

  it("a second key never sees the first key's entries", async () => {
    const body = { model: 'sim/echo', messages: [{ role: 'user' as const, content: 'per-key cache scope' }] };
    await client.chat.completions.create(body, cacheOn);
    const { key } = await stack.createKey({ name: 'other key' });
    const other = new OpenAI({ apiKey: key, baseURL: stack.baseURL, maxRetries: 0 });
    const calls = stack.sim.requests.length;
    const { response } = await other.chat.completions.create(body, cacheOn).withResponse();
    assert.equal(response.headers.get('x-openrouter-cache-status'), 'MISS');
    assert.equal(stack.sim.requests.length, calls + 1);
  });

  it('is off without the header, keys on the stream flag and the body, and never stores errors', async () => {
    const body = { model: 'sim/echo', messages: [{ role: 'user' as const, content: 'no header no cache' }] };
    const plain = await client.chat.completions.create(body).withResponse();
    assert.equal(plain.response.headers.get('x-openrouter-cache-status'), null);
    const calls = stack.sim.requests.length;
    await client.chat.completions.create(body);
    assert.equal(stack.sim.requests.length, calls + 1);

    const failing = { model: 'sim/echo', provider: { order: ['sim-a'], allow_fallbacks: false }, messages: [{ role: 'user' as const, content: 'fail [[sim:status=400]]' }] };
    await assert.rejects(client.chat.completions.create(failing, cacheOn), (error: unknown) => error instanceof OpenAI.APIError && error.status === 400);
    const afterError = stack.sim.requests.length;
    await assert.rejects(client.chat.completions.create(failing, cacheOn));
    assert.equal(stack.sim.requests.length, afterError + 1, 'an error response must not be cached');
  });

  it('honours X-OpenRouter-Cache-TTL (clamped) and X-OpenRouter-Cache-Clear', async () => {
    const body = { model: 'sim/echo', messages: [{ role: 'user' as const, content: 'ttl and clear' }] };
    const first = await client.chat.completions.create(body, { headers: { 'X-OpenRouter-Cache': 'true', 'X-OpenRouter-Cache-TTL': '999999.5' } }).withResponse();
    assert.equal(first.response.headers.get('x-openrouter-cache-ttl'), '86400');
    const hit = await client.chat.completions.create(body, cacheOn).withResponse();
    assert.equal(hit.response.headers.get('x-openrouter-cache-status'), 'HIT');
    const calls = stack.sim.requests.length;
    const cleared = await client.chat.completions
      .create(body, { headers: { 'X-OpenRouter-Cache': 'true', 'X-OpenRouter-Cache-Clear': 'true' } })
      .withResponse();
    assert.equal(cleared.response.headers.get('x-openrouter-cache-status'), 'MISS');
    assert.equal(stack.sim.requests.length, calls + 1);
    const again = await client.chat.completions.create(body, cacheOn).withResponse();
    assert.equal(again.response.headers.get('x-openrouter-cache-source-id'), cleared.data.id);
  });

  it('a guardrail or privacy change invalidates entries, so output cached before an output filter is never replayed', async () => {
    const { key, data } = await stack.createKey({ name: 'guarded later' });
    const guarded = new OpenAI({ apiKey: key, baseURL: stack.baseURL, maxRetries: 0 });
    const body = { model: 'sim/echo', messages: [{ role: 'user' as const, content: 'mail me at cached.otter@example.org' }] };
    const first = await guarded.chat.completions.create(body, cacheOn);
    assert.match(first.choices[0]?.message.content ?? '', /cached\.otter@example\.org/);
    assert.equal((await guarded.chat.completions.create(body, cacheOn).withResponse()).response.headers.get('x-openrouter-cache-status'), 'HIT');

    const manage = (method: string, path: string, payload: unknown) =>
      fetch(`${stack.baseURL}${path}`, {
        method,
        headers: { authorization: `Bearer ${stack.adminKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      }).then(async (response) => ({ status: response.status, json: (await response.json()) as { data?: { id: string } } }));
    const created = await manage('POST', '/guardrails', { name: 'redact output emails', content_filter_builtins: [{ slug: 'email', action: 'redact' }] });
    assert.equal(created.status, 201);
    assert.equal((await manage('POST', `/guardrails/${created.json.data?.id}/assignments/keys`, { key_hashes: [data.hash] })).status, 200);

    const after = await guarded.chat.completions.create(body, cacheOn).withResponse();
    assert.equal(after.response.headers.get('x-openrouter-cache-status'), 'MISS');
    assert.doesNotMatch(after.data.choices[0]?.message.content ?? '', /cached\.otter@example\.org/);

    assert.equal((await guarded.chat.completions.create(body, cacheOn).withResponse()).response.headers.get('x-openrouter-cache-status'), 'HIT');
    assert.equal((await manage('PATCH', '/workspace/privacy', { ignored_providers: ['nobody'] })).status, 200);
    assert.equal((await guarded.chat.completions.create(body, cacheOn).withResponse()).response.headers.get('x-openrouter-cache-status'), 'MISS');
  });
});
