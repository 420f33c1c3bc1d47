import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import OpenAI from 'openai';
import { startGeminiSimulator, type GeminiSimulator } from '../../sim/gemini/start-gemini-simulator.js';
import { readJsonl, upload, waitForStatus } from '../support/batch-helpers.js';
import { expectedCost } from '../support/expected-cost.js';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

const LIMIT = { timeout: 40_000 };
/** List prices of the natively batched test model; they halve exactly in picodollars. */
const LIST = { prompt: '0.000002', completion: '0.000012' } as const;
const HALF = { prompt: '0.000001', completion: '0.000006' } as const;

const line = (customId: string, content: string, model = 'nat/gemini') =>
  JSON.stringify({ custom_id: customId, method: 'POST', url: '/v1/chat/completions', body: { model, messages: [{ role: 'user', content }], max_tokens: 50 } });

describe('Batch API in Gemini API batch mode (native, preset google)', () => {
  let stack: TestStack;
  let gemini: GeminiSimulator;
  let client: OpenAI;
  let key: string;

  before(async () => {
    gemini = await startGeminiSimulator({ batchStepMs: 5, batchConcurrency: 1 });
    stack = await startTestStack({
      config: { batch: { poll_interval_ms: 50, native_poll_interval_ms: 50, lease_ms: 1_000 } },
      extraProviders: () => [{ id: 'google', base_url: gemini.geminiBaseUrl, api_key: 'gm-sim-key' }],
      extraModels: [
        { id: 'nat/gemini', name: 'Gemini Flash', context_length: 1_000_000, endpoints: [{ provider: 'google', model: 'gemini-2.5-flash', pricing: LIST }] },
        { id: 'nat/gemini-pro', name: 'Gemini Pro', context_length: 1_000_000, endpoints: [{ provider: 'google', model: 'gemini-2.5-pro', pricing: LIST }] },
      ],
    });
    // A key with a limit, so every line holds its worst case (and the holds can be checked).
    key = (await stack.createKey({ name: 'gemini-native', limit: 5 })).key;
    client = new OpenAI({ apiKey: key, baseURL: stack.baseURL, maxRetries: 0 });
  });
  after(async () => {
    await stack.close();
    await gemini.close();
  });

  const generation = async (id: string) => {
    const response = await fetch(`${stack.gateway.url}/api/v1/generation?id=${id}`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(response.status, 200, `generation ${id}`);
    return ((await response.json()) as { data: { total_cost: number; provider_name: string; batch_id: string } }).data;
  };
  const holdsLeft = () => {
    const db = new BetterSqlite3(join(stack.dataDir, 'switchyard.db'), { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM ledger_holds').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };
  const assertHalfPrice = async (rows: Array<Record<string, any>>, batchId: string) => {
    for (const row of rows) {
      const usage = row.response.body.usage;
      const record = await generation(row.response.request_id);
      assert.equal(record.batch_id, batchId);
      assert.equal(record.provider_name, 'Google AI Studio');
      const tokens = { prompt: usage.prompt_tokens, completion: usage.completion_tokens };
      assert.equal(record.total_cost, expectedCost(tokens, HALF), `${row.custom_id} costs the batch price`);
      assert.equal(record.total_cost * 2, expectedCost(tokens, LIST), 'exactly 50 % of list');
    }
  };

  it('one Gemini batch per model, inlined responses translated back, per-request failures, 50 % of list', LIMIT, async () => {
    const input = await upload(client, [
      line('g-1', 'first question'),
      line('g-fail', 'this one is refused upstream [[sim:status=400]]'),
      line('p-1', 'to the pro model', 'nat/gemini-pro'),
      line('g-2', 'second question'),
    ]);
    const created = await client.batches.create({ input_file_id: input, endpoint: '/v1/chat/completions', completion_window: '24h' });
    const done = await waitForStatus(client, created.id, ['completed', 'failed']);
    assert.equal(done.status, 'completed');
    assert.deepEqual(done.request_counts, { total: 4, completed: 3, failed: 1 });

    const upstream = [...gemini.batches.values()].map((operation) => (operation as { metadata: { model: string; state: string } }).metadata);
    assert.deepEqual(upstream.map((batch) => batch.model).sort(), ['models/gemini-2.5-flash', 'models/gemini-2.5-pro'], 'one upstream batch per model');
    assert.ok(upstream.every((batch) => batch.state === 'BATCH_STATE_SUCCEEDED'));
    const creates = gemini.requests.filter((request) => request.path.endsWith(':batchGenerateContent'));
    assert.ok(creates.every((request) => request.headers['x-goog-api-key'] === 'gm-sim-key'));

    const output = await readJsonl(client, done.output_file_id!);
    assert.deepEqual(output.map((row) => row.custom_id), ['g-1', 'p-1', 'g-2'], 'input order');
    assert.equal(output[0]!.response.body.choices[0].message.content, 'Echo: first question');
    assert.equal(output[0]!.response.body.model, 'nat/gemini');
    await assertHalfPrice(output, created.id);

    const errors = await readJsonl(client, done.error_file_id!);
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.custom_id, 'g-fail');
    assert.equal(errors[0]!.response.status_code, 400, 'the provider\'s per-request error (INVALID_ARGUMENT)');
    assert.equal(holdsLeft(), 0, 'every hold settled or released');
  });

  it('cancel midway cancels the Gemini batch: requests that ran are billed, the rest unbilled in the error file', LIMIT, async () => {
    const lines = Array.from({ length: 10 }, (_, index) => line(`slow-${index}`, `slow ${index} [[sim:delay=200]]`));
    const before = new Set(gemini.batches.keys());
    const created = await client.batches.create({ input_file_id: await upload(client, lines), endpoint: '/v1/chat/completions', completion_window: '24h' });
    let name: string | undefined;
    for (;;) {
      name = [...gemini.batches.keys()].find((id) => !before.has(id));
      const stats = name ? (gemini.batches.get(name) as { metadata: { batchStats: { successfulRequestCount?: string } } }).metadata.batchStats : undefined;
      if (stats?.successfulRequestCount !== undefined) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.equal((await client.batches.cancel(created.id)).status, 'cancelling');
    const done = await waitForStatus(client, created.id, ['cancelled']);
    assert.equal((gemini.batches.get(name!) as { metadata: { state: string } }).metadata.state, 'BATCH_STATE_CANCELLED', 'cancelled upstream');
    const counts = done.request_counts!;
    assert.ok(counts.completed >= 1 && counts.completed < 10, `some ran (${counts.completed})`);
    assert.equal(counts.completed + counts.failed, 10);
    await assertHalfPrice(await readJsonl(client, done.output_file_id!), created.id);
    const errors = await readJsonl(client, done.error_file_id!);
    assert.equal(errors.length, counts.failed);
    assert.ok(errors.every((row) => row.error?.code === 'batch_cancelled' && row.response === null), 'not run, not billed');
    assert.equal(holdsLeft(), 0);
  });
});
