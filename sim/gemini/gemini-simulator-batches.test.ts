import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError, GoogleGenAI, JobState, type BatchJob, type InlinedRequest } from '@google/genai';
import { startGeminiSimulator, type GeminiSimulator } from './start-gemini-simulator.js';

const LIMIT = { timeout: 10_000 };
const MODEL = 'gemini-2.5-flash';
const ENDED = new Set<string>([JobState.JOB_STATE_SUCCEEDED, JobState.JOB_STATE_FAILED, JobState.JOB_STATE_CANCELLED, JobState.JOB_STATE_EXPIRED]);

function ask(key: string, text: string): InlinedRequest {
  return { contents: [{ role: 'user', parts: [{ text }] }], metadata: { key } };
}

describe('Gemini simulator batch mode, checked with the official @google/genai SDK', () => {
  let sim: GeminiSimulator;
  let ai: GoogleGenAI;
  before(async () => {
    sim = await startGeminiSimulator({ batchStepMs: 5, batchConcurrency: 1 });
    ai = new GoogleGenAI({ apiKey: 'gm-batch-key', httpOptions: { baseUrl: sim.url, timeout: 4000 } });
  });
  beforeEach(() => sim.reset());
  after(() => sim.close());

  async function waitFor(name: string, done: (job: BatchJob) => boolean, seen?: Set<string>): Promise<BatchJob> {
    for (let i = 0; i < 400; i++) {
      const job = await ai.batches.get({ name });
      seen?.add(String(job.state));
      if (done(job)) return job;
      await sleep(10);
    }
    throw new Error(`batch ${name} never reached the expected state`);
  }

  it('runs inlined requests PENDING → RUNNING → SUCCEEDED, responses in input order with per-request errors', LIMIT, async () => {
    const src = [
      ask('a', 'first question'),
      ask('b', 'boom [[sim:status=500]]'),
      { contents: [{ role: 'assistant', parts: [{ text: 'not a Gemini role' }] }], metadata: { key: 'c' } },
      ask('d', 'second question'),
    ];
    const created = await ai.batches.create({ model: MODEL, src, config: { displayName: 'nightly' } });
    assert.match(created.name ?? '', /^batches\/sim/);
    assert.equal(created.state, JobState.JOB_STATE_PENDING);
    assert.equal(created.displayName, 'nightly');
    assert.equal(created.model, `models/${MODEL}`);
    const create = sim.requests.find((r) => r.path.endsWith(':batchGenerateContent'));
    assert.equal(create?.path, `/v1beta/models/${MODEL}:batchGenerateContent`);
    assert.equal(create?.headers['x-goog-api-key'], 'gm-batch-key');

    const seen = new Set<string>();
    const job = await waitFor(created.name!, (j) => ENDED.has(String(j.state)), seen);
    assert.equal(job.state, JobState.JOB_STATE_SUCCEEDED);
    assert.ok(seen.has(JobState.JOB_STATE_RUNNING) || seen.has(JobState.JOB_STATE_PENDING), [...seen].join());
    assert.equal(typeof job.endTime, 'string');
    const responses = job.dest?.inlinedResponses ?? [];
    assert.deepEqual(responses.map((r) => (r.metadata as { key: string }).key), ['a', 'b', 'c', 'd']);
    assert.equal(responses[0]?.response?.candidates?.[0]?.content?.parts?.[0]?.text, 'Echo: first question');
    assert.ok((responses[0]?.response?.usageMetadata?.promptTokenCount ?? 0) > 0);
    assert.deepEqual([responses[1]?.error?.code, responses[2]?.error?.code], [13, 3], 'google.rpc codes: INTERNAL, INVALID_ARGUMENT');
    assert.match(String(responses[2]?.error?.message), /valid role/);

    const operation = sim.batches.get(created.name!) as { done: boolean; metadata: { batchStats: unknown }; response: { inlinedResponses: { inlinedResponses: unknown[] } } };
    assert.equal(operation.done, true);
    assert.deepEqual(operation.metadata.batchStats, { requestCount: '4', successfulRequestCount: '2', failedRequestCount: '2' }, 'int64 counts are strings, zeros left out');
    assert.equal(operation.response.inlinedResponses.inlinedResponses.length, 4, 'the output is also the operation response');
    const lines = sim.requests.filter((r) => r.path === `/v1beta/models/${MODEL}:generateContent`);
    assert.equal(lines.length, 4, 'every request ran against generateContent');
    assert.ok(lines.every((r) => r.headers['x-goog-api-key'] === 'gm-batch-key'), 'with the creator key');
  });

  it('cancel midway: requests that ran keep their responses, the batch ends CANCELLED', LIMIT, async () => {
    const src = Array.from({ length: 6 }, (_, i) => ask(`r${i}`, `slow ${i} [[sim:delay=60]]`));
    const created = await ai.batches.create({ model: MODEL, src });
    await waitFor(created.name!, () => (sim.batches.get(created.name!) as { metadata: { batchStats: { successfulRequestCount?: string } } }).metadata.batchStats.successfulRequestCount !== undefined);
    await ai.batches.cancel({ name: created.name! });
    const job = await waitFor(created.name!, (j) => ENDED.has(String(j.state)));
    assert.equal(job.state, JobState.JOB_STATE_CANCELLED);
    const done = job.dest?.inlinedResponses ?? [];
    assert.ok(done.length >= 1 && done.length < 6, `ran ${done.length}`);
    assert.ok(done.every((r) => r.response !== undefined));
    await assert.rejects(ai.batches.cancel({ name: created.name! }), (error: unknown) => error instanceof ApiError && error.status === 400);
  });

  it('a request asking [[sim:batch_expire=1]] ends the batch EXPIRED; the requests that ran keep their responses', LIMIT, async () => {
    const created = await ai.batches.create({ model: MODEL, src: [ask('a', 'one'), ask('b', 'two [[sim:batch_expire=1]]'), ask('c', 'three')] });
    const job = await waitFor(created.name!, (j) => ENDED.has(String(j.state)));
    assert.equal(job.state, JobState.JOB_STATE_EXPIRED);
    assert.deepEqual(job.dest?.inlinedResponses?.map((r) => (r.metadata as { key: string }).key), ['a']);
  });

  it('a request asking [[sim:batch_fail=1]] fails the whole batch with the operation error and no output', LIMIT, async () => {
    const created = await ai.batches.create({ model: MODEL, src: [ask('a', 'one'), ask('b', 'two [[sim:batch_fail=1]]')] });
    const job = await waitFor(created.name!, (j) => ENDED.has(String(j.state)));
    assert.equal(job.state, JobState.JOB_STATE_FAILED);
    assert.equal(job.dest, undefined);
    const operation = sim.batches.get(created.name!) as { error?: { code: number; message: string } };
    assert.equal(operation.error?.code, 13);
    assert.equal(sim.requests.filter((r) => r.path.endsWith(':generateContent')).length, 0, 'nothing ran');
  });

  it('lists newest first across pages, deletes, and refuses what the API refuses', LIMIT, async () => {
    const first = await ai.batches.create({ model: MODEL, src: [ask('a', 'one')] });
    const second = await ai.batches.create({ model: MODEL, src: [ask('a', 'two')] });
    const names: string[] = [];
    for await (const job of await ai.batches.list({ config: { pageSize: 1 } })) names.push(job.name!);
    assert.deepEqual(names, [second.name, first.name]);
    assert.ok(sim.requests.some((r) => r.path === '/v1beta/batches' && r.query.includes('pageToken=1')), 'the second page was asked for by token');

    await ai.batches.delete({ name: first.name! });
    await assert.rejects(ai.batches.get({ name: first.name! }), (error: unknown) => error instanceof ApiError && error.status === 404);
    await assert.rejects(ai.batches.create({ model: MODEL, src: 'files/input-file' }), (error: unknown) => error instanceof ApiError && error.status === 400 && /inlined requests only/.test(error.message));
    await assert.rejects(
      ai.batches.create({ model: MODEL, src: [{ ...ask('x', 'x'), model: 'gemini-2.5-pro' }] }),
      (error: unknown) => error instanceof ApiError && error.status === 400 && /does not match the batch model/.test(error.message),
    );
    sim.enqueueFault({ status: 429, retry_after: 3 });
    await assert.rejects(ai.batches.create({ model: MODEL, src: [ask('a', 'x')] }), (error: unknown) => error instanceof ApiError && error.status === 429);
    const response = await fetch(`${sim.url}/v1beta/batches`);
    assert.equal(response.status, 403, 'no API key');
    await response.arrayBuffer();
  });

  it('refuses an inline batch over 20 MB', LIMIT, async () => {
    const big = 'x'.repeat(21 * 1024 * 1024);
    await assert.rejects(ai.batches.create({ model: MODEL, src: [ask('big', big)] }), (error: unknown) => error instanceof ApiError && error.status === 400 && /payload size exceeds the limit/.test(error.message));
  });
});
