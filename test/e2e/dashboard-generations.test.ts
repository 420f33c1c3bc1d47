import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

interface Item {
  id: string;
  model: string;
  provider_name: string;
  key_name: string | null;
  key_hash: string;
  status: number;
  total_cost: number;
  provider_responses: unknown[];
}

describe('GET /api/v1/dashboard/generations: filters and keyset pages', () => {
  let stack: TestStack;
  const ids: string[] = [];
  let second: { key: string; data: Record<string, unknown> };

  const list = async (query: string, key = stack.adminKey) => {
    const response = await fetch(`${stack.baseURL}/dashboard/generations${query}`, { headers: { authorization: `Bearer ${key}` } });
    return { status: response.status, json: (await response.json()) as { data: Item[]; next_cursor: string | null; error?: { message: string } } };
  };
  const chat = async (key: string, model = 'sim/echo') => {
    const response = await fetch(`${stack.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hello list' }] }),
    });
    assert.equal(response.status, 200);
    ids.unshift(response.headers.get('x-generation-id') ?? ((await response.json()) as { id: string }).id);
  };

  before(async () => {
    stack = await startTestStack();
    second = await stack.createKey({ name: 'second key' });
    for (let i = 0; i < 4; i++) await chat(stack.apiKey);
    for (let i = 0; i < 3; i++) await chat(second.key);
  });
  after(() => stack.close());

  it('lists every generation newest first, at once after the responses (pending records are flushed)', async () => {
    const { status, json } = await list('?limit=200');
    assert.equal(status, 200);
    assert.deepEqual(json.data.map((item) => item.id), ids);
    assert.equal(json.next_cursor, null);
    const item = json.data[0]!;
    assert.equal(item.key_name, 'second key');
    assert.equal(item.model, 'sim/echo');
    assert.ok(item.total_cost > 0);
    assert.ok(item.provider_responses.length >= 1);
  });

  it('pages with next_cursor: every generation once, in order', async () => {
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: Awaited<ReturnType<typeof list>> = await list(`?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.ok(page.json.data.length <= 3);
      seen.push(...page.json.data.map((item) => item.id));
      cursor = page.json.next_cursor;
    }
    assert.deepEqual(seen, ids);
  });

  it('filters by key, model, provider, outcome and time', async () => {
    assert.equal((await list(`?key_hash=${second.data.hash as string}`)).json.data.length, 3);
    assert.equal((await list('?model=sim/echo')).json.data.length, 7);
    assert.equal((await list('?model=nope/none')).json.data.length, 0);
    assert.equal((await list('?provider=Sim%20A')).json.data.length, 7);
    assert.equal((await list('?outcome=error')).json.data.length, 0);
    assert.equal((await list('?outcome=ok')).json.data.length, 7);
    assert.equal((await list(`?since=${new Date(Date.now() + 60_000).toISOString()}`)).json.data.length, 0);
    assert.equal((await list('?until=2000-01-01')).json.data.length, 0);
  });

  it('GET /dashboard/endpoints: the endpoint that served them, healthy, with its counts and latency', async () => {
    const response = await fetch(`${stack.baseURL}/dashboard/endpoints`, { headers: { authorization: `Bearer ${stack.adminKey}` } });
    assert.equal(response.status, 200);
    const { data } = (await response.json()) as { data: Array<Record<string, any>> };
    const row = data.find((entry) => entry.endpoint === 'sim-a|sim/echo');
    assert.ok(row, JSON.stringify(data));
    assert.equal(row.provider_name, 'Sim A');
    assert.equal(row.successes, 7);
    assert.equal(row.failures, 0);
    assert.equal(row.breaker, 'closed');
    assert.equal(row.uptime_5m, 100);
    assert.ok(row.latency_ms_30m.p50 >= 0);
    const refused = await fetch(`${stack.baseURL}/dashboard/endpoints`, { headers: { authorization: `Bearer ${stack.apiKey}` } });
    assert.equal(refused.status, 403);
  });

  it('refuses bad parameters by name, and API keys', async () => {
    for (const [query, name] of [['?limit=0', 'limit'], ['?cursor=zzz', 'cursor'], ['?outcome=maybe', 'outcome'], ['?since=soon', 'since'], ['?sort=asc', 'sort']]) {
      const { status, json } = await list(query!);
      assert.equal(status, 400, query);
      assert.match(json.error!.message, new RegExp(name!));
    }
    assert.equal((await list('', stack.apiKey)).status, 403);
  });
});
