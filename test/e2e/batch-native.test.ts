import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import OpenAI from 'openai';
import { pino } from 'pino';
import { startAnthropicSimulator, type AnthropicSimulator } from '../../sim/anthropic/start-anthropic-simulator.js';
import { startGateway, type RunningGateway } from '../../src/start-gateway.js';
import { readJsonl, upload, waitForStatus } from '../support/batch-helpers.js';
import { expectedCost } from '../support/expected-cost.js';
import { ECHO_PRICES, startTestStack, type TestStack } from '../support/start-test-stack.js';

const LIMIT = { timeout: 40_000 };
/** List prices of the natively batched test models; every one halves exactly in picodollars. */
const LIST = { prompt: '0.000002', completion: '0.000008' } as const;
const HALF = { prompt: '0.000001', completion: '0.000004' } as const;

const line = (customId: string, model: string, content: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ custom_id: customId, method: 'POST', url: '/v1/chat/completions', body: { model, messages: [{ role: 'user', content }], max_tokens: 50, ...extra } });

interface Generation {
  total_cost: number;
  provider_name: string;
  model: string;
  batch_id: string;
  tokens_prompt: number;
  tokens_completion: number;
  native_tokens_prompt?: number;
}

describe('Batch API in the providers\' own batch APIs (native)', () => {
  let stack: TestStack;
  let anthropic: AnthropicSimulator;
  let client: OpenAI;
  let key: string;
  let gateway: { url: string; stop(): Promise<void> };
  const others: RunningGateway[] = [];
  const api = () => `${gateway.url}/api/v1`;

  before(async () => {
    anthropic = await startAnthropicSimulator({ batchStepMs: 5 });
    stack = await startTestStack({
      config: { batch: { poll_interval_ms: 50, native_poll_interval_ms: 50, lease_ms: 1_000 } },
      extraProviders: () => [{ id: 'anthropic', base_url: anthropic.url, api_key: 'sk-ant-sim' }],
      extraModels: [
        { id: 'nat/gpt-a', name: 'GPT A', context_length: 128000, endpoints: [{ provider: 'openai', model: 'gpt-4o-mini', pricing: LIST }] },
        { id: 'nat/gpt-b', name: 'GPT B', context_length: 128000, endpoints: [{ provider: 'openai', model: 'gpt-4.1-mini', pricing: LIST }] },
        { id: 'nat/claude', name: 'Claude', context_length: 200000, endpoints: [{ provider: 'anthropic', model: 'claude-sonnet-4-5', pricing: LIST, max_output: 8192 }] },
      ],
    });
    gateway = stack.gateway;
    // A key with a limit, so every line holds its worst case (and the holds can be checked).
    const created = await stack.createKey({ name: 'native', limit: 5 });
    key = created.key;
    // …and a guardrail that blocks a word, so a line can be refused before upload.
    const manage = (path: string, body: unknown) =>
      fetch(`${stack.baseURL}${path}`, { method: 'POST', headers: { authorization: `Bearer ${stack.adminKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const guardrail = (await (await manage('/guardrails', { name: 'no-secrets', content_filters: [{ pattern: 'forbidden-word', action: 'block' }] })).json()) as { data: { id: string } };
    assert.equal((await manage(`/guardrails/${guardrail.data.id}/assignments/keys`, { key_hashes: [created.data.hash] })).status, 200);
    client = new OpenAI({ apiKey: key, baseURL: stack.baseURL, maxRetries: 0 });
  });
  after(async () => {
    for (const other of others) await other.stop();
    await stack.close();
    await anthropic.close();
  });

  const generation = async (id: string): Promise<Generation> => {
    const response = await fetch(`${api()}/generation?id=${id}`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(response.status, 200, `generation ${id}`);
    return ((await response.json()) as { data: Generation }).data;
  };
  const holdsLeft = () => {
    const db = new BetterSqlite3(join(stack.dataDir, 'switchyard.db'), { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM ledger_holds').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };
  /** Every 2xx row was billed at exactly half the list price of its tokens, by the given provider. */
  const assertHalfPrice = async (rows: Array<Record<string, any>>, batchId: string, providerName: string) => {
    for (const row of rows) {
      const usage = row.response.body.usage;
      const record = await generation(row.response.request_id);
      assert.equal(record.batch_id, batchId);
      assert.equal(record.provider_name, providerName);
      const half = expectedCost({ prompt: usage.prompt_tokens, completion: usage.completion_tokens }, HALF);
      assert.equal(record.total_cost, half, `${row.custom_id} costs the batch price`);
      assert.equal(record.total_cost * 2, expectedCost({ prompt: usage.prompt_tokens, completion: usage.completion_tokens }, LIST), 'exactly 50 % of list');
      assert.equal(usage.cost, record.total_cost);
    }
  };

  it('an OpenAI batch: one upstream batch per model, successes and failures, 50 % of list', LIMIT, async () => {
    const before = new Set(stack.sim.batches.keys());
    const input = await upload(client, [
      line('a-1', 'nat/gpt-a', 'first question'),
      line('b-1', 'nat/gpt-b', 'second question'),
      line('a-fail', 'nat/gpt-a', 'this one fails upstream [[sim:status=400]]'),
      '{not json',
      line('a-2', 'nat/gpt-a', 'third question'),
      line('blocked', 'nat/gpt-a', 'this mentions the forbidden-word'),
    ]);
    const created = await client.batches.create({ input_file_id: input, endpoint: '/v1/chat/completions', completion_window: '24h' });
    const done = await waitForStatus(client, created.id, ['completed', 'failed']);
    assert.equal(done.status, 'completed');
    assert.deepEqual(done.request_counts, { total: 6, completed: 3, failed: 3 });

    const upstream = [...stack.sim.batches.values()].filter((batch) => !before.has(batch.id));
    assert.deepEqual(upstream.map((batch) => batch.model).sort(), ['gpt-4.1-mini', 'gpt-4o-mini'], 'one upstream batch per model');
    assert.ok(upstream.every((batch) => batch.status === 'completed'));

    const output = await readJsonl(client, done.output_file_id!);
    assert.deepEqual(output.map((row) => row.custom_id), ['a-1', 'b-1', 'a-2'], 'input order');
    assert.equal(output[0]!.response.body.choices[0].message.content, 'Echo: first question');
    assert.equal(output[0]!.response.body.model, 'nat/gpt-a');
    await assertHalfPrice(output, created.id, 'OpenAI');

    const errors = await readJsonl(client, done.error_file_id!);
    const byId = (id: string | null) => errors.find((row) => row.custom_id === id)!;
    assert.equal(byId('a-fail').response.status_code, 400, 'the provider\'s own error, per request');
    const failed = await generation(byId('a-fail').response.request_id);
    assert.equal(failed.total_cost, 0);
    assert.equal(failed.batch_id, created.id);
    assert.match(byId(null).error.message, /^Line 4: not valid JSON/);
    assert.equal(byId('blocked').response.status_code, 403, 'blocked by the key\'s guardrail: refused before upload');
    const uploadedLines = upstream.reduce((sum, batch) => sum + (batch as unknown as { request_counts: { total: number } }).request_counts.total, 0);
    assert.equal(uploadedLines, 4, 'the invalid and the blocked line never left');
    assert.ok(!stack.sim.requests.some((request) => JSON.stringify(request.body ?? null).includes('forbidden-word')), 'the blocked prompt never reached the provider');
    assert.equal(holdsLeft(), 0, 'every hold settled or released');

    // Activity counts the generations under the provider and model.
    const activity = (await (await fetch(`${api()}/activity`, { headers: { authorization: `Bearer ${stack.adminKey}` } })).json()) as { data: Array<{ model: string; provider_name: string; requests: number }> };
    const gptA = activity.data.find((row) => row.model === 'nat/gpt-a' && row.provider_name === 'OpenAI');
    assert.ok(gptA && gptA.requests >= 3, `activity counts the batch's gpt-a generations (${JSON.stringify(activity.data)})`);
  });

  it('an Anthropic batch: Message Batches, successes and failures, 50 % of list', LIMIT, async () => {
    const input = await upload(client, [
      line('c-1', 'nat/claude', 'hello claude'),
      line('c-fail', 'nat/claude', 'overloaded [[sim:status=500]]'),
      line('c-2', 'nat/claude', 'second message'),
    ]);
    const created = await client.batches.create({ input_file_id: input, endpoint: '/v1/chat/completions', completion_window: '24h' });
    const done = await waitForStatus(client, created.id, ['completed', 'failed']);
    assert.equal(done.status, 'completed');
    assert.deepEqual(done.request_counts, { total: 3, completed: 2, failed: 1 });
    assert.equal(anthropic.batches.size, 1, 'one Message Batch');
    const output = await readJsonl(client, done.output_file_id!);
    assert.deepEqual(output.map((row) => row.custom_id), ['c-1', 'c-2']);
    assert.equal(output[0]!.response.body.object, 'chat.completion');
    await assertHalfPrice(output, created.id, 'Anthropic');
    const errors = await readJsonl(client, done.error_file_id!);
    assert.equal(errors[0]!.custom_id, 'c-fail');
    assert.ok(errors[0]!.response.status_code >= 500);
    assert.equal(holdsLeft(), 0);
  });

  it('an upstream batch that expires part-way: what ran is billed, the rest is batch_expired and unbilled', LIMIT, async () => {
    const lines = [line('e-0', 'nat/gpt-a', 'runs first'), ...Array.from({ length: 3 }, (_, index) => line(`e-${index + 1}`, 'nat/gpt-a', `expires [[sim:batch_expire=1]] ${index}`))];
    const created = await client.batches.create({ input_file_id: await upload(client, lines), endpoint: '/v1/chat/completions', completion_window: '24h' });
    const done = await waitForStatus(client, created.id, ['completed', 'expired', 'failed']);
    assert.equal(done.status, 'completed', 'the gateway\'s own window has not passed');
    const errors = await readJsonl(client, done.error_file_id!);
    assert.ok(errors.length >= 3);
    assert.ok(errors.every((row) => row.error?.code === 'batch_expired' && row.response === null));
    const output = done.output_file_id ? await readJsonl(client, done.output_file_id) : [];
    await assertHalfPrice(output, created.id, 'OpenAI');
    assert.equal(output.length + errors.length, 4);
    assert.equal(holdsLeft(), 0);
  });

  it('the budget check at submission counts a native batch at the batch price', LIMIT, async () => {
    // Three lines of at most 50 output tokens: ~$0.00126 at list, ~$0.00063 at the batch price.
    const tight = await stack.createKey({ name: 'tight', limit: 0.001 });
    const tightClient = new OpenAI({ apiKey: tight.key, baseURL: api(), maxRetries: 0 });
    const native = [0, 1, 2].map((index) => line(`t-${index}`, 'nat/gpt-a', `tight ${index}`));
    const created = await tightClient.batches.create({ input_file_id: await upload(tightClient, native), endpoint: '/v1/chat/completions', completion_window: '24h' });
    const done = await waitForStatus(tightClient, created.id, ['completed']);
    assert.deepEqual(done.request_counts, { total: 3, completed: 3, failed: 0 });
    // The same lines split across a native and a non-native provider would run at list price: refused.
    const mixed = [...native, line('t-echo', 'sim/echo', 'tight echo')];
    await assert.rejects(
      tightClient.batches.create({ input_file_id: await upload(tightClient, mixed), endpoint: '/v1/chat/completions', completion_window: '24h' }),
      (error: unknown) => error instanceof OpenAI.APIError && error.status === 402,
    );
  });

  it('a batch mixing a native and a non-native provider runs in the gateway, at list price', LIMIT, async () => {
    const before = stack.sim.batches.size;
    const input = await upload(client, [line('echo', 'sim/echo', 'to sim-a'), line('gpt', 'nat/gpt-a', 'to openai')]);
    const created = await client.batches.create({ input_file_id: input, endpoint: '/v1/chat/completions', completion_window: '24h' });
    const done = await waitForStatus(client, created.id, ['completed']);
    assert.deepEqual(done.request_counts, { total: 2, completed: 2, failed: 0 });
    assert.equal(stack.sim.batches.size, before, 'no upstream batch');
    const output = await readJsonl(client, done.output_file_id!);
    for (const row of output) {
      const usage = row.response.body.usage;
      const prices = row.custom_id === 'echo' ? ECHO_PRICES : LIST;
      assert.equal((await generation(row.response.request_id)).total_cost, expectedCost({ prompt: usage.prompt_tokens, completion: usage.completion_tokens }, prices));
    }
  });

  it('cancel midway cancels upstream: finished requests billed, the rest unbilled in the error file', LIMIT, async () => {
    const lines = Array.from({ length: 12 }, (_, index) => line(`slow-${index}`, 'nat/gpt-a', `slow ${index} [[sim:delay=300]]`));
    const before = new Set(stack.sim.batches.keys());
    const created = await client.batches.create({ input_file_id: await upload(client, lines), endpoint: '/v1/chat/completions', completion_window: '24h' });
    let remote;
    for (;;) {
      remote = [...stack.sim.batches.values()].find((batch) => !before.has(batch.id));
      if (remote && (remote as unknown as { request_counts: { completed: number } }).request_counts.completed >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const cancelling = await client.batches.cancel(created.id);
    assert.equal(cancelling.status, 'cancelling');
    const done = await waitForStatus(client, created.id, ['cancelled']);
    assert.equal(remote.status, 'cancelled', 'cancelled upstream');
    const counts = done.request_counts!;
    assert.equal(counts.total, 12);
    assert.ok(counts.completed >= 2 && counts.completed < 12, `some ran (${counts.completed})`);
    assert.equal(counts.completed + counts.failed, 12);
    const output = await readJsonl(client, done.output_file_id!);
    await assertHalfPrice(output, created.id, 'OpenAI');
    const errors = await readJsonl(client, done.error_file_id!);
    assert.ok(errors.every((row) => row.error?.code === 'batch_cancelled' && row.response === null), 'not run, not billed');
    assert.equal(holdsLeft(), 0);
  });

  it('a gateway restarted mid-batch resumes polling and finishes without resubmitting', LIMIT, async () => {
    const lines = Array.from({ length: 8 }, (_, index) => line(`r-${index}`, 'nat/gpt-a', `restart ${index} [[sim:delay=300]]`));
    const before = new Set(stack.sim.batches.keys());
    const created = await client.batches.create({ input_file_id: await upload(client, lines), endpoint: '/v1/chat/completions', completion_window: '24h' });
    for (;;) {
      if ([...stack.sim.batches.keys()].some((id) => !before.has(id))) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await stack.gateway.stop();
    assert.ok(holdsLeft() > 0, 'the uploaded lines\' holds outlive the stopped gateway');
    const second = await startGateway({ config: stack.config, env: {}, logger: pino({ level: 'silent' }) });
    others.push(second);
    gateway = second;
    const resumed = new OpenAI({ apiKey: key, baseURL: api(), maxRetries: 0 });
    const done = await waitForStatus(resumed, created.id, ['completed'], 30_000);
    assert.deepEqual(done.request_counts, { total: 8, completed: 8, failed: 0 });
    const upstream = [...stack.sim.batches.values()].filter((batch) => !before.has(batch.id));
    assert.equal(upstream.length, 1, 'submitted once');
    const output = await readJsonl(resumed, done.output_file_id!);
    assert.equal(output.length, 8);
    await assertHalfPrice(output, created.id, 'OpenAI');
    assert.equal(holdsLeft(), 0);
  });
});
