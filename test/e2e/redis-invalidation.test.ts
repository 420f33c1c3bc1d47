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

describe('two gateway nodes: changes on A reach B through Redis', { skip }, () => {
  let nodes: TwoNodes;
  const ask = (baseURL: string, apiKey: string) =>
    new OpenAI({ baseURL, apiKey, maxRetries: 0 }).chat.completions.create({ model: 'sim/echo', messages: [{ role: 'user', content: 'hi' }] });

  before(async () => {
    nodes = await startTwoNodes();
  });
  after(() => nodes?.close());

  /** The management API of node A, as the admin. */
  const manageA = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${nodes.a.baseURL}${path}`, {
      method,
      headers: { authorization: `Bearer ${nodes.a.adminKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };

  it('a key made on A works on B within a second; disabled on A → 401 disabled on B, re-enabled → 200, deleted → 401 invalid, each within a second', async () => {
    const { key, data } = await nodes.a.createKey({ name: 'made on A' });
    const hash = data.hash as string;
    const onB = () => outcome(() => ask(nodes.bURL, key));
    const took: number[] = [];
    took.push(await within(1000, '200', onB));
    assert.equal((await manageA('PATCH', `/keys/${hash}`, { disabled: true })).status, 200);
    took.push(await within(1000, '401 disabled', onB));
    assert.equal((await manageA('PATCH', `/keys/${hash}`, { disabled: false })).status, 200);
    took.push(await within(1000, '200', onB));
    assert.equal((await manageA('DELETE', `/keys/${hash}`)).status, 200);
    took.push(await within(1000, '401 invalid', onB));
    console.log(`[redis] key changes on A reached B in ${took.join(', ')} ms`);
  });

  it('a key made on A with a requests-per-minute limit is limited on B from its first request', async () => {
    const { key } = await nodes.a.createKey({ name: 'limited from the start', rate_limits: { requests_per_minute: 1 } });
    // As soon as B serves the key at all, it must count that request against the limit.
    let first = 401;
    const deadline = Date.now() + 2000;
    while (first === 401 && Date.now() < deadline) first = await status(() => ask(nodes.bURL, key));
    assert.equal(first, 200, 'B serves the key once it knows it');
    assert.equal(await status(() => ask(nodes.bURL, key)), 429, 'the first request on B counted against the limit');
  });

  it('re-limited on A: a new requests-per-minute limit and a new spending limit (402) hold on B within a second', async () => {
    const { key, data } = await nodes.a.createKey({ name: 're-limited' });
    const hash = data.hash as string;
    const onB = () => status(() => ask(nodes.bURL, key));
    await within(1000, 200, onB);
    assert.equal((await manageA('PATCH', `/keys/${hash}`, { rate_limits: { requests_per_minute: 2 } })).status, 200);
    // The key has made one request on B; one more is allowed, then B refuses.
    await within(1000, 429, onB);
    assert.equal((await manageA('PATCH', `/keys/${hash}`, { rate_limits: { requests_per_minute: 0 }, limit: 0.00001 })).status, 200);
    await within(1000, 402, onB);
  });

  it('a guardrail assigned on A blocks on B within a second', async () => {
    const { key, data } = await nodes.a.createKey({ name: 'guarded later' });
    const created = await manageA('POST', '/guardrails', { name: 'block-secret', content_filters: [{ pattern: 'secret', action: 'block' }] });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const id = (created.json.data as { id: string }).id;
    const secret = () =>
      status(() => new OpenAI({ baseURL: nodes.bURL, apiKey: key, maxRetries: 0 }).chat.completions.create({ model: 'sim/echo', messages: [{ role: 'user', content: 'my secret' }] }));
    await within(1000, 200, secret);
    assert.deepEqual((await manageA('POST', `/guardrails/${id}/assignments/keys`, { key_hashes: [data.hash] })).json, { assigned_count: 1 });
    await within(1000, 403, secret);
  });

});
