import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { pino } from 'pino';
import { startGateway, type RunningGateway } from '../../src/start-gateway.js';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';
import { readJsonl, upload, waitForStatus } from '../support/batch-helpers.js';
import { postgresSkipReason, startPostgres, type ThrowawayPostgres } from '../support/start-postgres.js';

const LIMIT = { timeout: 40_000 };
const slowLines = (tag: string, count: number) =>
  Array.from({ length: count }, (_, index) =>
    JSON.stringify({ custom_id: `${tag}-${index}`, method: 'POST', url: '/v1/chat/completions', body: { model: 'sim/echo', messages: [{ role: 'user', content: `${tag} line ${index} [[sim:delay=250]]` }] } }),
  );
const upstreamCount = (stack: TestStack, tag: string, index: number) =>
  stack.sim.requests.filter((request) => JSON.stringify(request.body).includes(`${tag} line ${index} `)).length;

describe('Batch API: durable across restarts, one driver per batch', () => {
  let stack: TestStack;
  const others: RunningGateway[] = [];
  before(async () => {
    stack = await startTestStack({ config: { batch: { poll_interval_ms: 50, concurrency: 2, lease_ms: 1_000 } } });
  });
  after(async () => {
    for (const gateway of others) await gateway.stop();
    await stack.close();
  });
  const startAnother = async () => {
    const gateway = await startGateway({ config: stack.config, env: {}, logger: pino({ level: 'silent' }) });
    others.push(gateway);
    return gateway;
  };

  it('resumes after a restart on the same SQLite without re-running finished lines', LIMIT, async () => {
    const first = new OpenAI({ apiKey: stack.apiKey, baseURL: stack.baseURL, maxRetries: 0 });
    const batch = await first.batches.create({ input_file_id: await upload(first, slowLines('restart', 10)), endpoint: '/v1/chat/completions', completion_window: '24h' });
    for (;;) {
      const current = await first.batches.retrieve(batch.id);
      if ((current.request_counts?.completed ?? 0) >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await stack.gateway.stop();
    const stoppedAt = (await readCounts(stack, 'restart', 10)).ran;
    assert.ok(stoppedAt >= 2 && stoppedAt < 10, `stopped midway (${stoppedAt} lines ran)`);

    const second = await startAnother();
    const client = new OpenAI({ apiKey: stack.apiKey, baseURL: `${second.url}/api/v1`, maxRetries: 0 });
    const done = await waitForStatus(client, batch.id, ['completed'], 30_000);
    assert.deepEqual(done.request_counts, { total: 10, completed: 10, failed: 0 });
    const output = await readJsonl(client, done.output_file_id!);
    assert.deepEqual(output.map((row) => row.custom_id).sort(), slowLines('restart', 10).map((_, index) => `restart-${index}`).sort());
    const counts = await readCounts(stack, 'restart', 10);
    assert.deepEqual(counts.perLine, Array(10).fill(1), 'every line reached the provider exactly once');
  });
});


/**
 * Several gateways share one database only on PostgreSQL (a SQLite file has one serving process,
 * enforced): two nodes on one PostgreSQL database, and exactly one of them drives each batch.
 */
describe('Batch API: two gateways on one PostgreSQL database', { skip: postgresSkipReason() }, () => {
  let server: ThrowawayPostgres;
  let stack: TestStack;
  let nodeB: RunningGateway | undefined;
  before(async () => {
    server = (await startPostgres())!;
    const url = await server.createDatabase();
    stack = await startTestStack({ config: { database: url, database_pool_size: 4, batch: { poll_interval_ms: 50, concurrency: 2, lease_ms: 1_000 } } });
  });
  after(async () => {
    await nodeB?.stop();
    await stack?.close();
    await server?.stop();
  });

  it('exactly one drives the batch', LIMIT, async () => {
    nodeB = await startGateway({ config: stack.config, env: {}, logger: pino({ level: 'silent' }) });
    const clientA = new OpenAI({ apiKey: stack.apiKey, baseURL: stack.baseURL, maxRetries: 0 });
    const clientB = new OpenAI({ apiKey: stack.apiKey, baseURL: `${nodeB.url}/api/v1`, maxRetries: 0 });
    const batch = await clientA.batches.create({ input_file_id: await upload(clientA, slowLines('pair', 8)), endpoint: '/v1/chat/completions', completion_window: '24h' });
    const done = await waitForStatus(clientB, batch.id, ['completed'], 30_000);
    assert.deepEqual(done.request_counts, { total: 8, completed: 8, failed: 0 });
    const counts = await readCounts(stack, 'pair', 8);
    assert.deepEqual(counts.perLine, Array(8).fill(1), 'no line ran twice');
  });
});

async function readCounts(stack: TestStack, tag: string, lines: number): Promise<{ perLine: number[]; ran: number }> {
  const perLine = Array.from({ length: lines }, (_, index) => upstreamCount(stack, tag, index));
  return { perLine, ran: perLine.filter((count) => count > 0).length };
}
