import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { ECHO_PRICES, startTestStack, type TestStack } from '../support/start-test-stack.js';

interface KeyObject {
  hash: string;
  name: string;
  label: string;
  disabled: boolean;
  limit: number | null;
  limit_remaining: number | null;
  limit_reset: string | null;
  usage: number;
  created_at: string;
  updated_at: string | null;
  expires_at: string | null;
  [field: string]: unknown;
}

interface ChatBody {
  id: string;
  model: string;
  provider: string;
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number; cost: number };
}

describe('key management and account routes', () => {
  let stack: TestStack;

  const admin = (path: string, init: { method?: string; body?: unknown } = {}) =>
    fetch(`${stack.baseURL}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${stack.adminKey}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  const asKey = (key: string, path: string) => fetch(`${stack.baseURL}${path}`, { headers: { authorization: `Bearer ${key}` } });
  const chat = (key: string, body: Record<string, unknown>) =>
    fetch(`${stack.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  describe('/keys CRUD', () => {
    let created: { data: KeyObject; key: string };

    it('POST /keys → 201 with the plaintext key once, hash = sha256(key), masked label', async () => {
      const response = await admin('/keys', { method: 'POST', body: { name: 'crud key', limit: 5 } });
      assert.equal(response.status, 201);
      created = (await response.json()) as { data: KeyObject; key: string };
      assert.match(created.key, /^sk-or-v1-[0-9a-f]{20,}$/);
      assert.match(created.data.hash, /^[0-9a-f]{64}$/);
      assert.equal(created.data.hash, createHash('sha256').update(created.key).digest('hex'));
      assert.equal(created.data.name, 'crud key');
      assert.equal(created.data.disabled, false);
      assert.equal(created.data.limit, 5);
      assert.equal(created.data.limit_remaining, 5);
      assert.equal(created.data.usage, 0);
      assert.ok(!Object.values(created.data).includes(created.key), 'the data object never carries the plaintext key');
      // Masked: starts like the key, ends like the key, hides the middle.
      assert.match(created.data.label, /^sk-or-v1-.+\.\.\..+$/);
      assert.notEqual(created.data.label, created.key);
      assert.ok(created.key.startsWith(created.data.label.split('...')[0] as string));
      assert.ok(created.key.endsWith(created.data.label.split('...')[1] as string));
      assert.ok(created.data.label.length < created.key.length - 20, 'most of the key is hidden');
      assert.ok(!Number.isNaN(Date.parse(created.data.created_at)));
    });

    it('GET /keys lists it, without the plaintext', async () => {
      const response = await admin('/keys');
      assert.equal(response.status, 200);
      const text = await response.text();
      assert.ok(!text.includes(created.key), 'list never leaks plaintext keys');
      const { data } = JSON.parse(text) as { data: KeyObject[] };
      const found = data.find((key) => key.hash === created.data.hash);
      assert.ok(found, 'created key is listed');
      assert.equal(found.name, 'crud key');
      assert.equal(found.label, created.data.label);
    });

    it('GET /keys/:hash returns it', async () => {
      const response = await admin(`/keys/${created.data.hash}`);
      assert.equal(response.status, 200);
      const { data } = (await response.json()) as { data: KeyObject };
      assert.equal(data.hash, created.data.hash);
      assert.equal(data.name, 'crud key');
      assert.equal(data.limit, 5);
    });

    it('PATCH /keys/:hash updates name, disabled and limit', async () => {
      const response = await admin(`/keys/${created.data.hash}`, { method: 'PATCH', body: { name: 'renamed', disabled: true, limit: 7 } });
      assert.equal(response.status, 200);
      const { data } = (await response.json()) as { data: KeyObject };
      assert.equal(data.name, 'renamed');
      assert.equal(data.disabled, true);
      assert.equal(data.limit, 7);
      assert.ok(data.updated_at !== null && !Number.isNaN(Date.parse(data.updated_at)), 'updated_at set');
      const again = (await (await admin(`/keys/${created.data.hash}`)).json()) as { data: KeyObject };
      assert.equal(again.data.name, 'renamed');
      assert.equal(again.data.disabled, true);
      // Disabled keys are hidden from the default list and shown with include_disabled=true.
      const listed = (await (await admin('/keys')).json()) as { data: KeyObject[] };
      assert.ok(!listed.data.some((key) => key.hash === created.data.hash), 'disabled key hidden by default');
      const all = (await (await admin('/keys?include_disabled=true')).json()) as { data: KeyObject[] };
      assert.ok(all.data.some((key) => key.hash === created.data.hash), 'disabled key listed with include_disabled=true');
      const reenabled = await admin(`/keys/${created.data.hash}`, { method: 'PATCH', body: { disabled: false } });
      assert.equal(reenabled.status, 200);
      assert.equal((await chat(created.key, { model: 'sim/echo', messages: [{ role: 'user', content: 'hi' }] })).status, 200);
    });

    it('PATCH with an invalid body → 400', async () => {
      const response = await admin(`/keys/${created.data.hash}`, { method: 'PATCH', body: { disabled: 'yes' } });
      assert.equal(response.status, 400);
      const body = (await response.json()) as { error: { code: number } };
      assert.equal(body.error.code, 400);
    });

    it('POST /keys without a name → 400', async () => {
      const response = await admin('/keys', { method: 'POST', body: { limit: 1 } });
      assert.equal(response.status, 400);
    });

    it('DELETE /keys/:hash → {deleted:true}; then 404, and the key is dead for inference', async () => {
      const response = await admin(`/keys/${created.data.hash}`, { method: 'DELETE' });
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { deleted: true });
      const gone = await admin(`/keys/${created.data.hash}`);
      assert.equal(gone.status, 404);
      assert.equal(((await gone.json()) as { error: { code: number } }).error.code, 404);
      const inference = await chat(created.key, { model: 'sim/echo', messages: [{ role: 'user', content: 'hi' }] });
      assert.equal(inference.status, 401);
      assert.equal((await admin(`/keys/${created.data.hash}`, { method: 'DELETE' })).status, 404);
      assert.equal((await admin(`/keys/${created.data.hash}`, { method: 'PATCH', body: { name: 'zombie' } })).status, 404);
    });

    it('an unknown hash → 404', async () => {
      const response = await admin(`/keys/${randomBytes(32).toString('hex')}`);
      assert.equal(response.status, 404);
    });

    it('inference keys cannot call /keys (403)', async () => {
      for (const [method, path] of [
        ['GET', '/keys'],
        ['POST', '/keys'],
        ['GET', `/keys/${createHash('sha256').update(stack.apiKey).digest('hex')}`],
        ['DELETE', `/keys/${createHash('sha256').update(stack.apiKey).digest('hex')}`],
      ] as const) {
        const response = await fetch(`${stack.baseURL}${path}`, {
          method,
          headers: { authorization: `Bearer ${stack.apiKey}`, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
          body: method === 'POST' ? JSON.stringify({ name: 'sneaky' }) : undefined,
        });
        assert.equal(response.status, 403, `${method} ${path}`);
        assert.equal(((await response.json()) as { error: { code: number } }).error.code, 403);
      }
      // The inference key survived the DELETE attempt.
      assert.equal((await asKey(stack.apiKey, '/key')).status, 200);
    });
  });

  describe('GET /key and GET /generation', () => {
    let key: string;
    let hash: string;
    let generationId: string;
    let chatBody: ChatBody;

    before(async () => {
      const created = await stack.createKey({ name: 'metered', limit: 1 });
      key = created.key;
      hash = created.data.hash as string;
    });

    it('GET /key shows the limit and zero usage on a fresh key', async () => {
      const response = await asKey(key, '/key');
      assert.equal(response.status, 200);
      const { data } = (await response.json()) as { data: Record<string, unknown> };
      assert.equal(data.limit, 1);
      assert.equal(data.limit_remaining, 1);
      assert.equal(data.usage, 0);
      assert.equal(data.is_management_key, false);
      assert.equal(typeof data.label, 'string');
      assert.ok(key.startsWith((data.label as string).split('...')[0] as string));
    });

    it('usage grows by exactly the request cost', async () => {
      const response = await chat(key, { model: 'sim/echo', messages: [{ role: 'user', content: 'count my money please' }] });
      assert.equal(response.status, 200);
      generationId = response.headers.get('x-generation-id') ?? '';
      assert.match(generationId, /^gen-/);
      chatBody = (await response.json()) as ChatBody;
      assert.equal(chatBody.id, generationId);
      const { prompt_tokens: p, completion_tokens: c, cost } = chatBody.usage;
      const expected = p * Number(ECHO_PRICES.prompt) + c * Number(ECHO_PRICES.completion);
      assert.ok(Math.abs(cost - expected) < 1e-12, `cost ${cost} vs ${expected}`);
      assert.ok(cost > 0);

      const { data } = (await (await asKey(key, '/key')).json()) as { data: Record<string, number> };
      assert.ok(Math.abs(data.usage! - cost) < 1e-12, `usage ${data.usage} after one request costing ${cost}`);
      assert.ok(Math.abs(data.usage_daily! - cost) < 1e-12, `usage_daily ${data.usage_daily}`);
      assert.ok(Math.abs(data.limit_remaining! - (1 - cost)) < 1e-12, `limit_remaining ${data.limit_remaining}`);
      // The management view agrees.
      const managed = (await (await admin(`/keys/${hash}`)).json()) as { data: KeyObject };
      assert.ok(Math.abs(managed.data.usage - cost) < 1e-12);

      // A second, streamed request adds its own cost on top.
      const streamed = await chat(key, { model: 'sim/echo', stream: true, messages: [{ role: 'user', content: 'and again' }] });
      const text = await streamed.text();
      const usageLine = text.split('\n').filter((line) => line.startsWith('data: {') && line.includes('"usage":{')).at(-1);
      assert.ok(usageLine, 'stream carried usage');
      const streamCost = (JSON.parse(usageLine.slice(6)) as { usage: { cost: number } }).usage.cost;
      const after2 = (await (await asKey(key, '/key')).json()) as { data: Record<string, number> };
      assert.ok(Math.abs(after2.data.usage! - (cost + streamCost)) < 1e-12, `usage ${after2.data.usage} vs ${cost + streamCost}`);
    });

    it('GET /generation?id= returns the record', async () => {
      const response = await asKey(key, `/generation?id=${encodeURIComponent(generationId)}`);
      assert.equal(response.status, 200);
      const { data } = (await response.json()) as { data: Record<string, unknown> };
      assert.equal(data.id, generationId);
      assert.equal(data.model, 'sim/echo');
      assert.equal(data.provider_name, 'Sim A');
      assert.equal(data.streamed, false);
      assert.equal(data.cancelled, false);
      assert.equal(data.finish_reason, 'stop');
      assert.equal(data.tokens_prompt, chatBody.usage.prompt_tokens);
      assert.equal(data.tokens_completion, chatBody.usage.completion_tokens);
      assert.ok(Math.abs((data.total_cost as number) - chatBody.usage.cost) < 1e-12, `total_cost ${data.total_cost}`);
      assert.ok(typeof data.created_at === 'string' && !Number.isNaN(Date.parse(data.created_at)));
      assert.match(String(data.upstream_id), /^chatcmpl-sim/);
      const attempts = data.provider_responses as Array<Record<string, unknown>>;
      assert.equal(attempts.length, 1);
      assert.equal(attempts[0]?.status, 200);
      assert.equal(attempts[0]?.provider_name, 'Sim A');
    });

    it('a repeated query parameter counts once, by its last value (never an array)', async () => {
      const response = await asKey(key, `/generation?id=gen-not-this-one&id=${encodeURIComponent(generationId)}`);
      assert.equal(response.status, 200);
      const { data } = (await response.json()) as { data: Record<string, unknown> };
      assert.equal(data.id, generationId);
    });

    it('a streamed generation is recorded with streamed: true', async () => {
      const response = await chat(key, { model: 'sim/echo', stream: true, messages: [{ role: 'user', content: 'streamed record' }] });
      const id = response.headers.get('x-generation-id') ?? '';
      await response.text();
      const { data } = (await (await asKey(key, `/generation?id=${encodeURIComponent(id)}`)).json()) as { data: Record<string, unknown> };
      assert.equal(data.id, id);
      assert.equal(data.streamed, true);
      assert.equal(data.cancelled, false);
      assert.equal(data.finish_reason, 'stop');
    });

    it('another inference key cannot read it, the management key can; a random id → 404', async () => {
      // An inference key sees only its own generations (#11 item 7); management keys see the workspace's.
      const otherKey = await asKey(stack.apiKey, `/generation?id=${encodeURIComponent(generationId)}`);
      assert.equal(otherKey.status, 404);
      const manager = await asKey(stack.adminKey, `/generation?id=${encodeURIComponent(generationId)}`);
      assert.equal(manager.status, 200);
      const missing = await asKey(key, `/generation?id=gen-${randomBytes(10).toString('hex')}`);
      assert.equal(missing.status, 404);
      assert.equal(((await missing.json()) as { error: { code: number } }).error.code, 404);
    });

    it('a key whose limit cannot cover a request is refused with 402 before anything is spent', async () => {
      // $0.00001 does not even cover the prompt's worst case, so nothing goes upstream (no overshoot).
      const { key: tiny, data: created } = await stack.createKey({ name: 'tiny limit', limit: 0.00001 });
      const body = { model: 'sim/echo', messages: [{ role: 'user', content: 'spend it all at once please' }] };
      const before = stack.sim.requests.length;
      const refused = await chat(tiny, body);
      const text = await refused.text();
      assert.equal(refused.status, 402, text);
      const error = (JSON.parse(text) as { error: { code: number; message: string } }).error;
      assert.equal(error.code, 402);
      assert.match(error.message, /Key limit/);
      assert.match(error.message, /can only afford 0/);
      assert.equal(stack.sim.requests.length, before, 'a refused request never reaches the provider');
      const { data } = (await (await asKey(tiny, '/key')).json()) as { data: Record<string, number> };
      assert.equal(data.usage, 0);
      assert.equal(data.limit_remaining, 0.00001);
      assert.equal(created.limit, 0.00001);
    });

    it('GET /generation without auth → 401', async () => {
      const response = await fetch(`${stack.baseURL}/generation?id=${encodeURIComponent(generationId)}`);
      assert.equal(response.status, 401);
    });
  });
});
