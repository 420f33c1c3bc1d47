import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI, { APIError } from 'openai';
import { redisSkipReason } from '../support/start-redis.js';
import { postgresSkipReason } from '../support/start-postgres.js';
import { startTwoNodes, type TwoNodes } from '../support/start-two-nodes.js';

const skip = redisSkipReason() || postgresSkipReason();

/** Polls `probe` until it returns `want`, at most `withinMs`; returns how long it took (fails the test past it). */
async function within<T>(withinMs: number, want: T, probe: () => Promise<T>): Promise<number> {
  const started = Date.now();
  let last: T | undefined;
  while (Date.now() - started <= withinMs) {
    last = await probe();
    if (last === want) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.fail(`expected ${want} within ${withinMs} ms, still ${last}`);
}

async function status(fn: () => Promise<unknown>): Promise<number> {
  try {
    await fn();
    return 200;
  } catch (error) {
    if (error instanceof APIError) return error.status ?? 0;
    throw error;
  }
}

/** The status, with the reason of a 401 (`401 disabled`, `401 invalid`). */
async function outcome(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
    return '200';
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    if (error.status === 401) return /disabled/i.test(error.message) ? '401 disabled' : /invalid/i.test(error.message) ? '401 invalid' : '401';
    return String(error.status);
  }
}

describe('two gateway nodes sharing one Redis', { skip }, () => {
  let nodes: TwoNodes;
  let limitedKey = '';
  const ask = (baseURL: string, apiKey: string) =>
    new OpenAI({ baseURL, apiKey, maxRetries: 0 }).chat.completions.create({ model: 'sim/echo', messages: [{ role: 'user', content: 'hi' }] });

  before(async () => {
    nodes = await startTwoNodes({
      beforeB: async (a) => {
        limitedKey = (await a.createKey({ name: 'shared rpm', rate_limits: { requests_per_minute: 4 } })).key;
      },
    });
  });
  after(() => nodes?.close());

  it('a key limit is one counter across nodes: requests on A and B add up, and both refuse the one over', async () => {
    const a = nodes.a.baseURL;
    const b = nodes.bURL;
    assert.equal(await status(() => ask(a, limitedKey)), 200);
    assert.equal(await status(() => ask(b, limitedKey)), 200);
    assert.equal(await status(() => ask(a, limitedKey)), 200);
    assert.equal(await status(() => ask(b, limitedKey)), 200);
    assert.equal(await status(() => ask(b, limitedKey)), 429);
    assert.equal(await status(() => ask(a, limitedKey)), 429);
  });

  it('a cache entry made on A hits on B (same key); another key misses', async () => {
    const body = JSON.stringify({ model: 'sim/echo', messages: [{ role: 'user', content: `cache me ${Date.now()}` }] });
    const post = (baseURL: string, apiKey: string) =>
      fetch(`${baseURL}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'x-openrouter-cache': 'true' },
        body,
      });
    const first = await post(nodes.a.baseURL, nodes.a.apiKey);
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('x-openrouter-cache-status'), 'MISS');
    const made = (await first.json()) as { id: string; choices: unknown };
    const hit = await post(nodes.bURL, nodes.a.apiKey);
    assert.equal(hit.headers.get('x-openrouter-cache-status'), 'HIT');
    assert.equal(hit.headers.get('x-openrouter-cache-source-id'), made.id);
    assert.deepEqual(((await hit.json()) as { choices: unknown }).choices, made.choices);
    const { key: other } = await nodes.a.createKey({ name: 'other cache scope' });
    await within(1000, '200', () => outcome(() => ask(nodes.bURL, other)));
    const miss = await post(nodes.bURL, other);
    assert.equal(miss.headers.get('x-openrouter-cache-status'), 'MISS', 'the cache is scoped per API key');
    await miss.arrayBuffer();
  });

  it('sticky routing is shared: a conversation served by sim-b on A goes to sim-b on B', async () => {
    const chat = (baseURL: string, extra: Record<string, unknown>) =>
      new OpenAI({ baseURL, apiKey: nodes.a.apiKey, maxRetries: 0 }).chat.completions.create({
        model: 'sim/echo',
        messages: [{ role: 'user', content: 'turn' }],
        session_id: 'shared-conversation',
        ...extra,
      } as never) as Promise<{ provider?: string }>;
    // Without history, both nodes pick sim-a (the test random source is 0); pin sim-b once on A.
    assert.equal((await chat(nodes.bURL, { session_id: 'fresh-conversation' })).provider, 'Sim A');
    assert.equal((await chat(nodes.a.baseURL, { provider: { order: ['sim-b'] } })).provider, 'Sim B');
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal((await chat(nodes.bURL, {})).provider, 'Sim B');
  });

  it("endpoint health is shared: B's endpoint listing counts the attempts A made", async () => {
    // Only A ever serves openai/gpt-4o-mini here, so B can know its uptime only from A.
    const uptimeOnB = async () => {
      const listing = (await (await fetch(`${nodes.bURL}/models/openai/gpt-4o-mini/endpoints`)).json()) as { data: { endpoints: Array<{ uptime_last_30m: number | null }> } };
      return listing.data.endpoints.find((endpoint) => endpoint.uptime_last_30m !== null)?.uptime_last_30m ?? null;
    };
    assert.equal(await uptimeOnB(), null, 'no data on B yet');
    await new OpenAI({ baseURL: nodes.a.baseURL, apiKey: nodes.a.apiKey, maxRetries: 0 }).chat.completions.create({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'health' }] });
    const took = await within(1000, 100, async () => (await uptimeOnB()) ?? -1);
    console.log(`[redis] an attempt on A showed in B's endpoint stats after ${took} ms`);
  });
});
