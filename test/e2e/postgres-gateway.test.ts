import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { postgresSkipReason, startPostgres, type ThrowawayPostgres } from '../support/start-postgres.js';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

/** A gateway whose every durable store is PostgreSQL, exercised through the public HTTP API. */
describe('gateway on PostgreSQL (SWITCHYARD_DATABASE=postgres://…)', { skip: postgresSkipReason() }, () => {
  let server: ThrowawayPostgres;
  let url: string;
  let stack: TestStack;
  const admin = async (path: string, init: { method?: string; body?: unknown } = {}) => {
    const response = await fetch(`${stack.baseURL}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${stack.adminKey}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  before(async () => {
    server = (await startPostgres())!;
    url = await server.createDatabase();
    stack = await startTestStack({ config: { database: url, database_pool_size: 4 } });
  });
  after(async () => {
    await stack?.close();
    await server?.stop();
  });

  it('answers /readyz, serves a chat completion through the OpenAI SDK, and reads the generation and usage back', async () => {
    assert.equal((await fetch(`${stack.gateway.url}/readyz`)).status, 200);
    const { key, data } = await stack.createKey({ name: 'pg key', limit: 1 });
    const client = new OpenAI({ baseURL: stack.baseURL, apiKey: key });
    const completion = await client.chat.completions.create({ model: 'sim/echo', messages: [{ role: 'user', content: 'hello postgres' }] });
    const cost = (completion.usage as unknown as { cost: number }).cost;
    assert.ok(cost > 0);
    let generation: { status: number; body: any } = { status: 0, body: null };
    for (let i = 0; i < 50 && generation.status !== 200; i++) {
      generation = await admin(`/generation?id=${completion.id}`);
      if (generation.status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(generation.status, 200);
    assert.equal(generation.body.data.model, 'sim/echo');
    assert.equal(generation.body.data.total_cost, cost);
    const listed = await admin(`/keys/${data.hash}`);
    assert.equal(listed.body.data.usage, cost);
    assert.equal(listed.body.data.limit_remaining, 1 - cost);
  });

  it('a second gateway on the same database sees the same keys, credits and generations', async () => {
    assert.equal((await admin('/workspaces', { method: 'POST', body: { id: 'acme', name: 'Acme' } })).status, 201);
    assert.equal((await admin('/credits', { method: 'POST', body: { amount: 5, workspace_id: 'acme', note: 'pg' } })).status, 201);
    const { key } = await stack.createKey({ name: 'acme key', workspace_id: 'acme' });
    const other = await startTestStack({ config: { database: url } });
    try {
      const client = new OpenAI({ baseURL: other.baseURL, apiKey: key });
      const completion = await client.chat.completions.create({ model: 'sim/echo', messages: [{ role: 'user', content: 'from node B' }] });
      const cost = (completion.usage as unknown as { cost: number }).cost;
      const credits = await fetch(`${other.baseURL}/credits?workspace_id=acme`, { headers: { authorization: `Bearer ${other.adminKey}` } });
      const body = (await credits.json()) as { data: { total_credits: number; total_usage: number } };
      assert.equal(body.data.total_credits, 5);
      assert.equal(body.data.total_usage, cost);
      // Node A reads the generation node B made.
      let status = 0;
      for (let i = 0; i < 50 && status !== 200; i++) {
        status = (await fetch(`${stack.baseURL}/generation?id=${completion.id}`, { headers: { authorization: `Bearer ${key}` } })).status;
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.equal(status, 200);
    } finally {
      await other.close();
    }
  });

  it('a key created on one gateway works on another at once, with no change notice (no Redis) to tell it', async () => {
    const other = await startTestStack({ config: { database: url } });
    try {
      const { key } = await stack.createKey({ name: 'made on node A' });
      const client = new OpenAI({ baseURL: other.baseURL, apiKey: key, maxRetries: 0 });
      const completion = await client.chat.completions.create({ model: 'sim/echo', messages: [{ role: 'user', content: 'new key on node B' }] });
      assert.ok(completion.choices[0]?.message.content);
      const own = await fetch(`${other.baseURL}/key`, { headers: { authorization: `Bearer ${key}` } });
      assert.equal(own.status, 200);
      // A key no node made is still refused, in the error envelope.
      const unknown = await fetch(`${other.baseURL}/key`, { headers: { authorization: 'Bearer sk-or-v1-0000000000000000000000000000000000000000000000000000000000000000' } });
      assert.equal(unknown.status, 401);
      assert.equal(((await unknown.json()) as { error: { code: number } }).error.code, 401);
    } finally {
      await other.close();
    }
  });
});
