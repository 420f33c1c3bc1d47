import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import pg from 'pg';
import { pino } from 'pino';
import { startGateway, type RunningGateway } from '../../src/start-gateway.js';
import { readJsonl, upload, waitForStatus } from '../support/batch-helpers.js';
import { expectedCost } from '../support/expected-cost.js';
import { postgresSkipReason, startPostgres, type ThrowawayPostgres } from '../support/start-postgres.js';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

const LIST = { prompt: '0.000002', completion: '0.000008' } as const;
const HALF = { prompt: '0.000001', completion: '0.000004' } as const;
/** Ledger hold lease of both nodes: far shorter than the upstream batch, so a node-bound hold would lapse. */
const HOLD_LEASE_MS = 300;

const line = (customId: string, content: string) =>
  JSON.stringify({ custom_id: customId, method: 'POST', url: '/v1/chat/completions', body: { model: 'nat/gpt', messages: [{ role: 'user', content }], max_tokens: 40 } });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A native batch on PostgreSQL with two nodes: its holds outlive the ledger's node lease while the
 * upstream batch runs, the driving node stops mid-batch, and the other node takes the batch over,
 * polls the same upstream batch and settles every line once, at the batch price.
 */
describe('native batch on PostgreSQL, two nodes', { skip: postgresSkipReason() }, () => {
  let server: ThrowawayPostgres;
  let url: string;
  let stack: TestStack;
  let nodeB: RunningGateway | undefined;
  let db: pg.Client;

  before(async () => {
    server = (await startPostgres())!;
    url = await server.createDatabase();
    stack = await startTestStack({
      config: { database: url, database_pool_size: 4, ledger_hold_lease_ms: HOLD_LEASE_MS, batch: { poll_interval_ms: 50, native_poll_interval_ms: 50, lease_ms: 600 } },
      extraModels: [{ id: 'nat/gpt', name: 'GPT', context_length: 128000, endpoints: [{ provider: 'openai', model: 'gpt-4o-mini', pricing: LIST }] }],
    });
    db = new pg.Client({ connectionString: url });
    await db.connect();
  });
  after(async () => {
    await db?.end();
    await nodeB?.stop();
    await stack?.close();
    await server?.stop();
  });
  const holds = async () => Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM ledger_holds')).rows[0]!.n);

  it('holds outlive the node lease; another node takes the batch over without resubmitting', { timeout: 60_000 }, async () => {
    const { key } = await stack.createKey({ name: 'pg native', limit: 5 });
    const clientA = new OpenAI({ apiKey: key, baseURL: stack.baseURL, maxRetries: 0 });
    const lines = Array.from({ length: 12 }, (_, index) => line(`pg-${index}`, `postgres ${index} [[sim:delay=2000]]`));
    const created = await clientA.batches.create({ input_file_id: await upload(clientA, lines), endpoint: '/v1/chat/completions', completion_window: '24h' });
    while (stack.sim.batches.size === 0) await sleep(20);
    nodeB = await startGateway({ config: { ...stack.config, listen: { host: '127.0.0.1', port: 0 } }, env: {}, logger: pino({ level: 'silent' }) });

    await sleep(3 * HOLD_LEASE_MS);
    assert.equal(await holds(), 12, 'every uploaded line still holds its worst case past the node lease');
    // The driving node stops mid-batch: it gives its lease up and releases its own (node-bound) holds.
    await stack.gateway.stop();
    await sleep(3 * HOLD_LEASE_MS);
    const remaining = await holds();
    const settledThen = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM ledger_entries')).rows[0]!.n);
    const clientB = new OpenAI({ apiKey: key, baseURL: `${nodeB.url}/api/v1`, maxRetries: 0 });
    const done = await waitForStatus(clientB, created.id, ['completed'], 40_000);
    assert.equal(remaining + settledThen, 12, `every line still held or already settled after its driver stopped (${remaining} held, ${settledThen} settled)`);
    assert.ok(remaining > 0, 'the upstream batch was still running');
    assert.deepEqual(done.request_counts, { total: 12, completed: 12, failed: 0 });
    assert.equal(stack.sim.batches.size, 1, 'one upstream batch: the second node polled it, never submitted again');
    const output = await readJsonl(clientB, done.output_file_id!);
    for (const row of output) {
      const usage = row.response.body.usage;
      assert.equal(usage.cost, expectedCost({ prompt: usage.prompt_tokens, completion: usage.completion_tokens }, HALF));
    }
    assert.equal(await holds(), 0, 'every hold settled');
    const spent = await db.query<{ n: string; total: string }>('SELECT count(*) AS n, sum(amount) AS total FROM ledger_entries');
    assert.equal(Number(spent.rows[0]!.n), 12, 'each line settled once');
  });
});
