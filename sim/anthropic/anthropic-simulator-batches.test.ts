import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import Anthropic from '@anthropic-ai/sdk';
import { withAnthropicSimulator as withSim } from './with-anthropic-simulator.js';

const LIMIT = { timeout: 10_000 };
type Batch = Anthropic.Messages.Batches.MessageBatch;
type Result = Anthropic.Messages.Batches.MessageBatchIndividualResponse;

function request(customId: string, text: string, extra: Record<string, unknown> = {}) {
  return { custom_id: customId, params: { model: 'claude-haiku-4-5', max_tokens: 64, messages: [{ role: 'user' as const, content: text }], ...extra } };
}

async function waitEnded(client: Anthropic, id: string, seen?: Set<string>): Promise<Batch> {
  for (let i = 0; i < 400; i++) {
    const batch = await client.messages.batches.retrieve(id);
    seen?.add(batch.processing_status);
    if (batch.processing_status === 'ended') return batch;
    await sleep(10);
  }
  throw new Error(`batch ${id} never ended`);
}

async function results(client: Anthropic, id: string): Promise<Map<string, Result['result']>> {
  const out = new Map<string, Result['result']>();
  for await (const entry of await client.messages.batches.results(id)) out.set(entry.custom_id, entry.result);
  return out;
}

test('a message batch runs each request through /v1/messages and streams JSONL results', LIMIT, async () => {
  await withSim(async (sim, client) => {
    const created = await client.messages.batches.create({
      requests: [
        request('ok-1', 'hello batch'),
        request('boom', 'fail please [[sim:status=529]]'),
        request('bad', 'no tokens', { max_tokens: 0 }),
        request('ok-2', 'second'),
      ],
    });
    assert.match(created.id, /^msgbatch_/);
    assert.equal(created.type, 'message_batch');
    assert.equal(created.processing_status, 'in_progress');
    assert.deepEqual(created.request_counts, { processing: 4, succeeded: 0, errored: 0, canceled: 0, expired: 0 });
    assert.equal(created.results_url, null);
    assert.ok(Date.parse(created.expires_at) - Date.parse(created.created_at) === 86_400_000);

    const batch = await waitEnded(client, created.id);
    assert.deepEqual(batch.request_counts, { processing: 0, succeeded: 2, errored: 2, canceled: 0, expired: 0 });
    assert.ok(batch.ended_at);
    assert.match(batch.results_url ?? '', new RegExp(`/v1/messages/batches/${batch.id}/results$`));

    const byId = await results(client, batch.id);
    assert.equal(byId.size, 4);
    const ok = byId.get('ok-1');
    assert.equal(ok?.type, 'succeeded');
    if (ok?.type === 'succeeded') {
      assert.equal(ok.message.type, 'message');
      assert.equal(ok.message.model, 'claude-haiku-4-5');
      assert.deepEqual(ok.message.content, [{ type: 'text', text: 'Echo: hello batch' }]);
      assert.ok(ok.message.usage.input_tokens > 0);
    }
    const boom = byId.get('boom');
    assert.equal(boom?.type, 'errored');
    if (boom?.type === 'errored') assert.equal(boom.error.error.type, 'overloaded_error');
    const bad = byId.get('bad');
    assert.equal(bad?.type, 'errored');
    if (bad?.type === 'errored') assert.equal(bad.error.error.type, 'invalid_request_error');

    const runs = sim.requests.filter((r) => r.path === '/v1/messages');
    assert.equal(runs.length, 4);
    // Run with the creator's credentials (SDK 1.x sends its key as a bearer token).
    assert.ok(runs.every((r) => r.headers.authorization === 'Bearer sk-ant-test' && typeof r.headers['anthropic-version'] === 'string'));
    const page = await client.messages.batches.list();
    assert.deepEqual(page.data.map((b) => b.id), [batch.id]);
    assert.deepEqual(await client.messages.batches.delete(batch.id), { id: batch.id, type: 'message_batch_deleted' });
  });
});

test('cancel midway: processing requests are canceled, finished ones keep their results', LIMIT, async () => {
  await withSim(
    async (_sim, client) => {
      const created = await client.messages.batches.create({ requests: Array.from({ length: 6 }, (_, i) => request(`r${i}`, `slow [[sim:delay=80]] ${i}`)) });
      for (let i = 0; i < 200; i++) {
        if ((await client.messages.batches.retrieve(created.id)).request_counts.succeeded >= 1) break;
        await sleep(10);
      }
      const canceling = await client.messages.batches.cancel(created.id);
      assert.equal(canceling.processing_status, 'canceling');
      assert.ok(canceling.cancel_initiated_at);
      const batch = await waitEnded(client, created.id);
      const counts = batch.request_counts;
      assert.ok(counts.succeeded >= 1 && counts.canceled >= 1, JSON.stringify(counts));
      assert.equal(counts.succeeded + counts.canceled, 6);
      const byId = await results(client, batch.id);
      assert.equal([...byId.values()].filter((r) => r.type === 'canceled').length, counts.canceled);
    },
    { batchConcurrency: 1 },
  );
});

test('[[sim:batch_expire=1]] expires that request and the rest', LIMIT, async () => {
  await withSim(
    async (_sim, client) => {
      const created = await client.messages.batches.create({ requests: [request('a', 'one'), request('b', 'two [[sim:batch_expire=1]]'), request('c', 'three')] });
      const batch = await waitEnded(client, created.id);
      assert.deepEqual(batch.request_counts, { processing: 0, succeeded: 1, errored: 0, canceled: 0, expired: 2 });
      const byId = await results(client, batch.id);
      assert.deepEqual([...byId].map(([id, r]) => [id, r.type]), [['a', 'succeeded'], ['b', 'expired'], ['c', 'expired']]);
    },
    { batchConcurrency: 1 },
  );
});

test('create refuses bad envelopes; results before the end, unknown ids and queued faults are errors', LIMIT, async () => {
  await withSim(
    async (sim, client) => {
      await assert.rejects(client.messages.batches.create({ requests: [] }), Anthropic.BadRequestError);
      await assert.rejects(client.messages.batches.create({ requests: [request('has space', 'x')] }), (e: unknown) => e instanceof Anthropic.BadRequestError && /custom_id/.test(e.message));
      await assert.rejects(client.messages.batches.create({ requests: [request('a', 'x'), request('a', 'y')] }), (e: unknown) => e instanceof Anthropic.BadRequestError && /Duplicate/.test(e.message));
      await assert.rejects(client.messages.batches.retrieve('msgbatch_nope'), Anthropic.NotFoundError);
      const created = await client.messages.batches.create({ requests: [request('a', 'x')] });
      // The SDK refuses before any request while there is no results_url.
      await assert.rejects(client.messages.batches.results(created.id), /results_url/);
      sim.enqueueFault({ status: 529 });
      await assert.rejects(client.messages.batches.retrieve(created.id), (e: unknown) => e instanceof Anthropic.APIError && e.status === 529);
      sim.enqueueFault({ status: 429, retry_after: 2 });
      await assert.rejects(client.messages.batches.create({ requests: [request('b', 'x')] }), Anthropic.RateLimitError);
      assert.equal(sim.batches.size, 1);
    },
    { batchStepMs: 200 },
  );
});
