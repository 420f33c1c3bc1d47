/**
 * The management endpoints behind the dashboard's operations views, through the public HTTP API:
 * what requests in flight hold (Credits page), cache hits and savings (Overview), rate-limit usage and 429s (Rate limits).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

interface Holds {
  data: { workspace_held: number; keys: Array<{ hash: string; name: string; held: number }> };
}

describe('dashboard operations endpoints', () => {
  let stack: TestStack;
  const manage = async <T>(path: string, key = stack.adminKey): Promise<{ status: number; json: T }> => {
    const response = await fetch(`${stack.baseURL}${path}`, { headers: { authorization: `Bearer ${key}` } });
    return { status: response.status, json: (await response.json()) as T };
  };
  const chat = (key: string, content: string) =>
    fetch(`${stack.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'sim/echo', max_tokens: 100, messages: [{ role: 'user', content }] }),
    });

  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  it('GET /dashboard/holds shows what a capped request in flight holds, per key, and nothing once it ends', async () => {
    const capped = await stack.createKey({ name: 'held key', limit: 5 });
    assert.deepEqual((await manage<Holds>('/dashboard/holds')).json.data, { workspace_held: 0, keys: [] });
    // The simulator holds the response back for a while: the reservation is live meanwhile.
    const pending = chat(capped.key, 'wait for me [[sim:delay=1500]]');
    let seen: Holds['data'] | undefined;
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      const { json } = await manage<Holds>('/dashboard/holds');
      if (json.data.keys.length > 0) {
        seen = json.data;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.ok(seen, 'the hold shows up while the request runs');
    assert.equal(seen.keys.length, 1);
    assert.equal(seen.keys[0]!.name, 'held key');
    assert.equal(seen.keys[0]!.hash, capped.data.hash);
    // Worst case of prompt + 100 output tokens at $0.000002: above zero, far below the limit.
    assert.ok(seen.keys[0]!.held > 0.0002 && seen.keys[0]!.held < 0.01, String(seen.keys[0]!.held));
    const response = await pending;
    assert.equal(response.status, 200, await response.text());
    assert.deepEqual((await manage<Holds>('/dashboard/holds')).json.data.keys, [], 'settled: nothing held');
  });

  it('GET /dashboard/overview counts response-cache hits, prompt-cached tokens and what caching saved, from the rollup', async () => {
    type Row = { requests: number; cache_hits: number; cached_tokens: number; cache_savings: number };
    const totals = async () => {
      const { json } = await manage<{ data: { activity: Row[] } }>('/dashboard/overview');
      return json.data.activity.reduce((sum, row) => ({ requests: sum.requests + row.requests, hits: sum.hits + row.cache_hits, cached: sum.cached + row.cached_tokens, saved: sum.saved + row.cache_savings }), { requests: 0, hits: 0, cached: 0, saved: 0 });
    };
    const before = await totals();
    const cached = (content: string, headers: Record<string, string> = {}) =>
      fetch(`${stack.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ model: 'sim/echo', max_tokens: 30, messages: [{ role: 'user', content }] }),
      });
    const miss = await cached('remember this answer', { 'X-OpenRouter-Cache': 'true' });
    assert.equal(miss.headers.get('x-openrouter-cache-status'), 'MISS');
    const cost = ((await miss.json()) as { usage: { cost: number } }).usage.cost;
    assert.ok(cost > 0);
    const hit = await cached('remember this answer', { 'X-OpenRouter-Cache': 'true' });
    assert.equal(hit.headers.get('x-openrouter-cache-status'), 'HIT');
    assert.equal(((await hit.json()) as { usage: { cost: number } }).usage.cost, 0, 'a hit costs nothing');
    // The provider reports 40 prompt tokens read from its prompt cache: $0.000001 → $0.0000001 each.
    const prompt = await cached('a long shared prefix '.repeat(20) + '[[sim:cached=40]]');
    assert.equal(prompt.status, 200);
    const after = await totals();
    assert.equal(after.requests - before.requests, 3, 'the hit is a request too');
    assert.equal(after.hits - before.hits, 1);
    assert.equal(after.cached - before.cached, 40);
    const saved = after.saved - before.saved;
    const expected = cost + 40 * (0.000001 - 0.0000001);
    assert.ok(Math.abs(saved - expected) < 1e-12, `saved ${saved}, expected ${expected}`);
  });

  it('GET /dashboard/rate-limits: each key\'s limits with live usage, and the 429s they caused', async () => {
    type Limit = { limit: number; used: number };
    type Answer = { data: { bucket_ms: number; keys: Array<{ hash: string; name: string; requests_per_minute: Limit; tokens_per_minute: Limit; concurrent_requests: Limit; rate_limited_24h: number }>; refusals: Array<{ key_hash: string; limit: string; count: number; bucket_start: string }> } };
    const limited = await stack.createKey({ name: 'limited key', rate_limits: { requests_per_minute: 3, concurrent_requests: 2 } });
    const hash = limited.data.hash as string;
    const view = async () => (await manage<Answer>('/dashboard/rate-limits')).json.data;
    const first = (await view()).keys.find((key) => key.hash === hash)!;
    assert.deepEqual([first.requests_per_minute, first.tokens_per_minute, first.concurrent_requests, first.rate_limited_24h], [{ limit: 3, used: 0 }, { limit: 0, used: 0 }, { limit: 2, used: 0 }, 0]);
    // One request held in flight by the simulator: a concurrency slot is taken meanwhile.
    const slow = chat(limited.key, 'slow one [[sim:delay=1500]]');
    let during: typeof first | undefined;
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline) {
      during = (await view()).keys.find((key) => key.hash === hash);
      if (during?.concurrent_requests.used === 1) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.deepEqual(during?.concurrent_requests, { limit: 2, used: 1 });
    assert.equal((await slow).status, 200);
    assert.equal((await chat(limited.key, 'two')).status, 200);
    assert.equal((await chat(limited.key, 'three')).status, 200);
    const refused = await chat(limited.key, 'four');
    assert.equal(refused.status, 429);
    assert.equal((await chat(limited.key, 'five')).status, 429);
    const after = await view();
    const row = after.keys.find((key) => key.hash === hash)!;
    assert.equal(row.concurrent_requests.used, 0, 'slots released');
    assert.equal(row.requests_per_minute.limit, 3);
    assert.ok(row.requests_per_minute.used >= 2.5 && row.requests_per_minute.used <= 3, String(row.requests_per_minute.used));
    assert.equal(row.rate_limited_24h, 2);
    const mine = after.refusals.filter((entry) => entry.key_hash === hash);
    assert.deepEqual(mine.map((entry) => [entry.limit, entry.count]), [['requests_per_minute', 2]]);
    assert.equal(Date.parse(mine[0]!.bucket_start) % after.bucket_ms, 0);
    assert.equal(after.keys.find((key) => key.hash !== hash)?.rate_limited_24h, 0, 'other keys untouched');
  });

  it('refuses inference keys', async () => {
    for (const path of ['/dashboard/holds', '/dashboard/rate-limits']) {
      const { status, json } = await manage<{ error: { code: number; message: string } }>(path, stack.apiKey);
      assert.equal(status, 403);
      assert.equal(json.error.code, 403);
    }
  });
});
