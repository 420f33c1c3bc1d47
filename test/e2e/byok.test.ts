import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI, { APIError } from 'openai';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

const OPENAI_BYOK = 'sk-byok-openai-0123456789-SECRET-abcdef';
const GROQ_BYOK = 'gsk_byok_groq_9876543210_SECRET_zyxwvu';

interface ByokObject {
  id: string;
  provider: string;
  label: string;
  name: string;
  disabled: boolean;
  always_use: boolean;
  is_fallback: boolean;
  allowed_models: string[] | null;
  [field: string]: unknown;
}

describe('BYOK: workspace provider keys', () => {
  let stack: TestStack;
  let openai: OpenAI;

  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${stack.baseURL}${path}`, {
      method,
      headers: { authorization: `Bearer ${stack.adminKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, text, json: JSON.parse(text) as { data: ByokObject & ByokObject[]; error?: { message: string } } };
  };
  /** Authorization headers the simulator received since `from`, in order. */
  const upstreamKeys = (from: number) => stack.sim.requests.slice(from).map((request) => request.headers.authorization);
  const ask = (model = 'openai/gpt-4o-mini') => openai.chat.completions.create({ model, messages: [{ role: 'user', content: 'hello byok' }] });

  before(async () => {
    stack = await startTestStack({
      // groq has no pooled key here: only workspaces that bring one can use it.
      extraProviders: (simUrl) => [{ id: 'groq', base_url: simUrl, enabled: false }],
    });
    openai = new OpenAI({ baseURL: stack.baseURL, apiKey: stack.apiKey, maxRetries: 0 });
  });
  after(() => stack.close());

  let openaiKey: ByokObject;

  it('POST /byok stores a key and never returns it: masked label only', async () => {
    const created = await admin('POST', '/byok', { provider: 'openai', key: OPENAI_BYOK, name: 'team openai' });
    assert.equal(created.status, 201);
    openaiKey = created.json.data;
    assert.ok(!created.text.includes(OPENAI_BYOK) && !created.text.includes('SECRET'), 'plaintext never in a response');
    assert.equal(openaiKey.label, 'sk-b...cdef');
    assert.deepEqual(
      { provider: openaiKey.provider, name: openaiKey.name, disabled: openaiKey.disabled, always_use: openaiKey.always_use, is_fallback: openaiKey.is_fallback },
      { provider: 'openai', name: 'team openai', disabled: false, always_use: false, is_fallback: false },
    );
    assert.match(openaiKey.id, /^[0-9a-f-]{36}$/);
    const listed = await admin('GET', '/byok');
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.json.data.map((key) => key.id), [openaiKey.id]);
    assert.ok(!listed.text.includes('SECRET'));
    const one = await admin('GET', `/byok/${openaiKey.id}`);
    assert.deepEqual(one.json.data, openaiKey);
  });

  it('rejects bad input with 400, unknown ids with 404, and non-management keys with 403', async () => {
    const unknown = await admin('POST', '/byok', { provider: 'nope', key: 'sk-whatever-123456' });
    assert.equal(unknown.status, 400);
    assert.match(unknown.json.error?.message ?? '', /Unknown provider "nope"/);
    assert.equal((await admin('POST', '/byok', { provider: 'openai' })).status, 400);
    assert.equal((await admin('POST', '/byok', { provider: 'openai', key: 'sk-123456789', allowed_api_key_hashes: [] })).status, 400);
    const short = await admin('POST', '/byok', { provider: 'openai', key: 'abc' });
    assert.equal(short.status, 400);
    assert.ok(!short.text.includes('"abc"'));
    assert.equal((await admin('GET', '/byok/00000000-0000-4000-8000-000000000000')).status, 404);
    assert.equal((await admin('PATCH', '/byok/00000000-0000-4000-8000-000000000000', { name: 'x' })).status, 404);
    const asInference = await fetch(`${stack.baseURL}/byok`, { headers: { authorization: `Bearer ${stack.apiKey}` } });
    assert.equal(asInference.status, 403);
  });

  it('routes through the workspace key first; usage and /generation say is_byok', async () => {
    const from = stack.sim.requests.length;
    const reply = await ask();
    assert.deepEqual(upstreamKeys(from), [`Bearer ${OPENAI_BYOK}`]);
    const usage = reply.usage as unknown as { is_byok: boolean; cost: number; cost_details: { upstream_inference_cost: number } };
    assert.equal(usage.is_byok, true);
    assert.equal(usage.cost, 0, 'no BYOK fee by default');
    assert.ok(usage.cost_details.upstream_inference_cost > 0, 'the list price the provider charged');
    const generation = await fetch(`${stack.baseURL}/generation?id=${reply.id}`, { headers: { authorization: `Bearer ${stack.apiKey}` } });
    const data = ((await generation.json()) as { data: Record<string, unknown> & { provider_responses: Array<{ is_byok: boolean }> } }).data;
    assert.equal(data.is_byok, true);
    assert.equal(data.upstream_inference_cost, usage.cost_details.upstream_inference_cost);
    assert.equal(data.total_cost, 0);
    assert.equal(data.provider_responses[0]?.is_byok, true);
  });

  it('falls back to the pooled key when the workspace key fails, unless always_use', async () => {
    let from = stack.sim.requests.length;
    stack.sim.enqueueFault({ status: 401 });
    const reply = await ask();
    assert.deepEqual(upstreamKeys(from), [`Bearer ${OPENAI_BYOK}`, 'Bearer sk-sim-openai']);
    assert.equal((reply.usage as unknown as { is_byok: boolean }).is_byok, false);
    assert.ok((reply.usage as unknown as { cost: number }).cost > 0, 'pooled capacity is charged to credits');

    const patched = await admin('PATCH', `/byok/${openaiKey.id}`, { always_use: true });
    assert.equal(patched.json.data.always_use, true);
    from = stack.sim.requests.length;
    stack.sim.enqueueFault({ status: 401 });
    const error = await ask().then(
      () => assert.fail('expected the provider error'),
      (caught: unknown) => caught as APIError,
    );
    assert.ok(error instanceof APIError);
    assert.deepEqual(upstreamKeys(from), [`Bearer ${OPENAI_BYOK}`], 'the pooled key is never tried');
    assert.ok(!JSON.stringify(error.error).includes('SECRET'));
    await admin('PATCH', `/byok/${openaiKey.id}`, { always_use: false });
  });

  it('a disabled workspace key is skipped; is_fallback keys go after the pooled key', async () => {
    await admin('PATCH', `/byok/${openaiKey.id}`, { disabled: true });
    let from = stack.sim.requests.length;
    await ask();
    assert.deepEqual(upstreamKeys(from), ['Bearer sk-sim-openai']);

    await admin('PATCH', `/byok/${openaiKey.id}`, { disabled: false, is_fallback: true });
    from = stack.sim.requests.length;
    stack.sim.enqueueFault({ status: 500 });
    await ask();
    assert.deepEqual(upstreamKeys(from), ['Bearer sk-sim-openai', `Bearer ${OPENAI_BYOK}`]);
    await admin('PATCH', `/byok/${openaiKey.id}`, { is_fallback: false });
  });

  it('a key for a provider without a pooled key makes its catalog endpoints routable for that workspace', async () => {
    const model = 'meta-llama/llama-3.1-8b-instruct';
    const before = await ask(model).then(
      () => assert.fail('no provider serves it yet'),
      (caught: unknown) => caught as APIError,
    );
    // A catalog model no configured provider serves: 404 naming the provider that could (groq).
    assert.equal(before.status, 404);
    assert.match(before.message, /groq/);
    const created = await admin('POST', '/byok', { provider: 'groq', key: GROQ_BYOK });
    assert.equal(created.status, 201);
    const from = stack.sim.requests.length;
    const reply = await ask(model);
    assert.equal(reply.model, model);
    assert.deepEqual(upstreamKeys(from), [`Bearer ${GROQ_BYOK}`]);
    assert.equal((stack.sim.requests.at(-1)?.body as { model: string }).model, 'llama-3.1-8b-instant');
    assert.equal((reply.usage as unknown as { is_byok: boolean }).is_byok, true);
    // allowed_models restricts the key; with nothing else serving the model that is a 404.
    await admin('PATCH', `/byok/${created.json.data.id}`, { allowed_models: ['qwen/qwen3-32b'] });
    const restricted = await ask(model).then(
      () => assert.fail('the key may not serve this model'),
      (caught: unknown) => caught as APIError,
    );
    assert.equal(restricted.status, 404);
    assert.deepEqual(JSON.parse((await admin('DELETE', `/byok/${created.json.data.id}`)).text), { deleted: true });
    assert.equal((await admin('GET', `/byok/${created.json.data.id}`)).status, 404);
    assert.equal(((await ask(model).catch((caught: unknown) => caught)) as APIError).status, 404);
  });

  it('PATCH key replaces the secret (label follows); the database never holds a plaintext key', async () => {
    const replacement = 'sk-byok-openai-REPLACED-SECRET-99887766';
    const patched = await admin('PATCH', `/byok/${openaiKey.id}`, { key: replacement });
    assert.equal(patched.json.data.label, 'sk-b...7766');
    const from = stack.sim.requests.length;
    await ask();
    assert.deepEqual(upstreamKeys(from), [`Bearer ${replacement}`]);
    await stack.gateway.stop();
    for (const file of ['switchyard.db', 'switchyard.db-wal']) {
      const path = join(stack.dataDir, file);
      if (!existsSync(path)) continue;
      const bytes = readFileSync(path);
      for (const secret of [OPENAI_BYOK, GROQ_BYOK, replacement, 'SECRET']) {
        assert.equal(bytes.includes(Buffer.from(secret)), false, `${file} must not contain ${secret}`);
      }
    }
    assert.equal(statSync(join(stack.dataDir, 'master-key')).mode & 0o777, 0o600);
  });
});

describe('BYOK fee (optional, after a free monthly allowance)', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack({ config: { byok: { fee_percent: 10, free_requests_per_month: 1 } } });
  });
  after(() => stack.close());

  it('the first request of the month is free, later ones pay 10% of list price in usage.cost', async () => {
    const created = await fetch(`${stack.baseURL}/byok`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ provider: 'openai', key: OPENAI_BYOK }),
    });
    assert.equal(created.status, 201);
    const openai = new OpenAI({ baseURL: stack.baseURL, apiKey: stack.apiKey, maxRetries: 0 });
    const ask = async () => {
      const reply = await openai.chat.completions.create({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'fee?' }] });
      return reply.usage as unknown as { is_byok: boolean; cost: number; cost_details: { upstream_inference_cost: number } };
    };
    const free = await ask();
    assert.equal(free.is_byok, true);
    assert.equal(free.cost, 0);
    const paid = await ask();
    assert.equal(paid.is_byok, true);
    assert.ok(paid.cost_details.upstream_inference_cost > 0);
    assert.ok(Math.abs(paid.cost - paid.cost_details.upstream_inference_cost / 10) < 1e-12, `${paid.cost} is 10% of ${paid.cost_details.upstream_inference_cost}`);
  });
});
