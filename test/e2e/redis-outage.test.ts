import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { redisSkipReason } from '../support/start-redis.js';
import { postgresSkipReason } from '../support/start-postgres.js';
import { startTwoNodes, type TwoNodes } from '../support/start-two-nodes.js';

/**
 * Redis killed under two running nodes: nothing crashes or hangs, each feature degrades as
 * docs/scale-out.md says (rate limits per node, cache miss, no stickiness, key changes by
 * polling the database), and everything is shared again once Redis is back, without a restart.
 */
/** Polls `check` until true, at most `ms`; returns how long it took (fails the test past it). */
async function until(ms: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (await check()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`not within ${ms} ms`);
}

describe('Redis lost and back under two nodes', { skip: redisSkipReason() || postgresSkipReason() }, () => {
  let nodes: TwoNodes;
  let limited = '';
  before(async () => {
    nodes = await startTwoNodes({
      beforeB: async (a) => {
        limited = (await a.createKey({ name: 'outage rpm', rate_limits: { requests_per_minute: 2 } })).key;
      },
    });
  });
  after(() => nodes?.close());

  /** One chat request: its status, cache status and how long it took. */
  const chat = async (baseURL: string, apiKey: string, headers: Record<string, string> = {}) => {
    const started = Date.now();
    const response = await fetch(`${baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ model: 'sim/echo', session_id: 'outage', messages: [{ role: 'user', content: 'same question' }] }),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    return { status: response.status, cache: response.headers.get('x-openrouter-cache-status'), ms: Date.now() - started, text };
  };
  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`${nodes.a.baseURL}${path}`, {
      method,
      headers: { authorization: `Bearer ${nodes.a.adminKey}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('serves on, degraded as documented, then shares again when Redis is back', async () => {
    const cached = { 'x-openrouter-cache': 'true' };
    assert.equal((await chat(nodes.a.baseURL, nodes.a.apiKey, cached)).cache, 'MISS');
    assert.equal((await chat(nodes.bURL, nodes.a.apiKey, cached)).cache, 'HIT');

    await nodes.redis.kill();
    const { key: revoked, data } = await nodes.a.createKey({ name: 'revoked during outage' });
    // B learns of keys made during the outage by re-reading the database (every 5 s while Redis is down).
    const served = [];
    for (const base of [nodes.a.baseURL, nodes.bURL]) {
      // Cache: a miss, served upstream; never an error, never a hang.
      served.push(await chat(base, nodes.a.apiKey, cached));
    }
    for (const reply of served) {
      assert.equal(reply.status, 200, reply.text);
      assert.equal(reply.cache, 'MISS');
      assert.ok(reply.ms < 3000, `served in ${reply.ms} ms`);
    }
    // Rate limits: each node counts on its own (2 per minute per node), so the key is still limited.
    const onA = [await chat(nodes.a.baseURL, limited), await chat(nodes.a.baseURL, limited), await chat(nodes.a.baseURL, limited)];
    assert.deepEqual(onA.map((reply) => reply.status), [200, 200, 429]);
    assert.equal((await chat(nodes.bURL, limited)).status, 200, 'B has its own per-node counter during the outage');
    // Key changes still reach B, through the database poll: the key made on A during the outage…
    const learned = await until(8000, async () => (await chat(nodes.bURL, revoked)).status === 200);
    // …and then its revocation.
    assert.equal((await admin('PATCH', `/keys/${data.hash as string}`, { disabled: true })).status, 200);
    const refused = await until(8000, async () => {
      const reply = await chat(nodes.bURL, revoked);
      return reply.status === 401 && /disabled/.test(reply.text);
    });
    console.log(`[redis] outage: a key made on A served on B after ${learned} ms, disabled on A refused on B after ${refused} ms (database poll)`);
    const health = await fetch(`${nodes.bURL.replace('/api/v1', '')}/healthz`);
    assert.ok(health.status < 500, 'the node is alive');

    await nodes.redis.restart();
    // Back: shared counters again (a fresh Redis holds none): 2 across both nodes, then 429 on either.
    const backAt = Date.now();
    const recovered = await until(8000, async () => {
      await chat(nodes.a.baseURL, nodes.a.apiKey, cached);
      return (await chat(nodes.bURL, nodes.a.apiKey, cached)).cache === 'HIT';
    });
    console.log(`[redis] back: cache shared again after ${recovered} ms`);
    const { key: fresh } = await nodes.a.createKey({ name: 'after outage', rate_limits: { requests_per_minute: 2 } });
    let ready = 0;
    while (ready !== 200 && Date.now() - backAt < 10_000) ready = (await chat(nodes.bURL, fresh)).status;
    const shared = [(await chat(nodes.a.baseURL, fresh)).status, (await chat(nodes.bURL, fresh)).status, (await chat(nodes.a.baseURL, fresh)).status];
    assert.deepEqual(shared, [200, 429, 429], 'one counter across the nodes again (B already spent one)');
  });

  it('dashboard sessions are unaffected by a Redis outage: sign in on A, use and sign out on B, refused on A', async () => {
    await nodes.redis.kill();
    try {
      const origin = (base: string) => base.replace('/api/v1', '');
      const signIn = await fetch(`${nodes.a.baseURL}/dashboard/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ key: nodes.a.adminKey }),
        signal: AbortSignal.timeout(10_000),
      });
      assert.equal(signIn.status, 201);
      const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
      const keysOn = (base: string) => fetch(`${base}/keys`, { headers: { cookie }, signal: AbortSignal.timeout(10_000) });
      assert.equal((await keysOn(nodes.bURL)).status, 200, 'the session made on A works on B without Redis');
      const out = await fetch(`${nodes.bURL}/dashboard/session`, { method: 'DELETE', headers: { cookie, origin: origin(nodes.bURL) }, signal: AbortSignal.timeout(10_000) });
      assert.equal(out.status, 200);
      assert.equal((await keysOn(nodes.a.baseURL)).status, 401, 'signed out on B: refused on A at once, Redis or not');
    } finally {
      await nodes.redis.restart();
      // Let both nodes reconnect before the suite closes them (closing mid-reconnect waits on it).
      await until(8000, async () => {
        await chat(nodes.a.baseURL, nodes.a.apiKey, { 'x-openrouter-cache': 'true' });
        return (await chat(nodes.bURL, nodes.a.apiKey, { 'x-openrouter-cache': 'true' })).cache === 'HIT';
      });
    }
  });
});
