import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI, { toFile } from 'openai';
import { readJsonl, upload, waitForStatus } from '../support/batch-helpers.js';
import { ECHO_PRICES, startTestStack, type TestStack } from '../support/start-test-stack.js';
import { expectedCost } from '../support/expected-cost.js';

const LIMIT = { timeout: 30_000 };

/** One JSONL line of a chat batch. */
const chatLine = (customId: string, content: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ custom_id: customId, method: 'POST', url: '/v1/chat/completions', body: { model: 'sim/echo', messages: [{ role: 'user', content }], ...extra } });

describe('Batch API through the openai SDK (gateway-run)', () => {
  let stack: TestStack;
  let client: OpenAI;
  before(async () => {
    stack = await startTestStack({ config: { batch: { poll_interval_ms: 50, concurrency: 2, upstream_429_retries: 2 } },
      extraModels: [
        {
          id: 'sim/embed',
          name: 'Sim: Embed',
          context_length: 8192,
          input_modalities: ['text'],
          output_modalities: ['embeddings'],
          endpoints: [{ provider: 'sim-a', model: 'text-embedding-3-small', pricing: { prompt: '0.00000002', completion: '0' } }],
        },
      ],
    });
    client = new OpenAI({ apiKey: stack.apiKey, baseURL: stack.baseURL, maxRetries: 0 });
  });
  after(() => stack.close());

  it('runs a batch to completed: results in the output file, bad lines in the error file', LIMIT, async () => {
    const inputFileId = await upload(client, [
      chatLine('ok-1', 'first question'),
      '{not json',
      chatLine('ok-2', 'second question'),
      JSON.stringify({ custom_id: 'wrong-url', method: 'POST', url: '/v1/completions', body: { model: 'sim/echo', prompt: 'x' } }),
      chatLine('upstream-500', 'this one fails upstream [[sim:status=500]]'),
      chatLine('no-model', 'hello', { model: 'nobody/nothing' }),
      chatLine('ok-1', 'duplicate id'),
    ]);
    const file = await client.files.retrieve(inputFileId);
    assert.equal(file.purpose, 'batch');
    assert.equal(file.filename, 'input.jsonl');
    const created = await client.batches.create({ input_file_id: inputFileId, endpoint: '/v1/chat/completions', completion_window: '24h', metadata: { job: 'nightly' } });
    assert.match(created.id, /^batch_/);
    assert.equal(created.status, 'validating');
    assert.deepEqual(created.metadata, { job: 'nightly' });
    const done = await waitForStatus(client, created.id, ['completed', 'failed']);
    assert.equal(done.status, 'completed');
    assert.deepEqual(done.request_counts, { total: 7, completed: 2, failed: 5 });
    assert.ok(done.in_progress_at && done.finalizing_at && done.completed_at);
    assert.ok(done.output_file_id && done.error_file_id);

    const output = await readJsonl(client, done.output_file_id);
    assert.deepEqual(output.map((row) => row.custom_id).sort(), ['ok-1', 'ok-2']);
    const first = output.find((row) => row.custom_id === 'ok-1')!;
    assert.match(first.id, /^batch_req_/);
    assert.equal(first.response.status_code, 200);
    assert.equal(first.response.body.choices[0].message.content, 'Echo: first question');
    assert.equal(first.error, null);

    const errors = await readJsonl(client, done.error_file_id);
    const byId = (id: string | null) => errors.find((row) => row.custom_id === id)!;
    assert.equal(errors.length, 5);
    assert.match(byId(null).error.message, /^Line 2: not valid JSON/);
    assert.equal(byId('wrong-url').error.code, 'invalid_url');
    assert.equal(byId('upstream-500').response.status_code, 502);
    assert.equal(byId('upstream-500').response.body.error.code, 502);
    assert.equal(byId('no-model').response.status_code, 400);
    assert.ok(errors.some((row) => row.error?.code === 'duplicate_custom_id' && row.error.message.startsWith('Line 7')));

    // Each line is a generation of the batch, priced exactly.
    const usage = first.response.body.usage;
    const generation = (await (await fetch(`${stack.baseURL}/generation?id=${first.response.request_id}`, { headers: { authorization: `Bearer ${stack.apiKey}` } })).json()) as { data: Record<string, unknown> };
    assert.equal(generation.data.batch_id, created.id);
    assert.equal(generation.data.total_cost, expectedCost({ prompt: usage.prompt_tokens, completion: usage.completion_tokens }, ECHO_PRICES));
    assert.equal(usage.cost, generation.data.total_cost);

    // Visible in /activity (management key), beside the per-model rows.
    const activity = (await (await fetch(`${stack.baseURL}/activity`, { headers: { authorization: `Bearer ${stack.adminKey}` } })).json()) as { data: unknown[]; batches: Array<Record<string, unknown>> };
    assert.ok(Array.isArray(activity.data) && activity.data.length > 0);
    const completed = activity.batches.find((row) => row.status === 'completed');
    assert.ok(completed && (completed.batches as number) >= 1);
    assert.ok((completed.request_counts as { completed: number }).completed >= 2);
  });

  it('lists batches and files with cursors, and keeps them from other keys', LIMIT, async () => {
    const inputFileId = await upload(client, [chatLine('a', 'one')]);
    const first = await client.batches.create({ input_file_id: inputFileId, endpoint: '/v1/chat/completions', completion_window: '24h' });
    const second = await client.batches.create({ input_file_id: inputFileId, endpoint: '/v1/chat/completions', completion_window: '24h' });
    const page = await client.batches.list({ limit: 1 });
    assert.equal(page.data[0]?.id, second.id);
    assert.equal(page.has_more, true);
    const next = await client.batches.list({ limit: 1, after: second.id });
    assert.equal(next.data[0]?.id, first.id);
    const files = await client.files.list({ purpose: 'batch' });
    assert.ok(files.data.some((file) => file.id === inputFileId));

    const other = new OpenAI({ apiKey: (await stack.createKey({ name: 'other' })).key, baseURL: stack.baseURL, maxRetries: 0 });
    await assert.rejects(other.batches.retrieve(first.id), (error: unknown) => error instanceof OpenAI.NotFoundError);
    await assert.rejects(other.files.content(inputFileId), (error: unknown) => error instanceof OpenAI.NotFoundError);
    await assert.rejects(other.batches.cancel(first.id), (error: unknown) => error instanceof OpenAI.NotFoundError);
    assert.equal((await other.batches.list()).data.length, 0);
    await waitForStatus(client, second.id, ['completed']);
  });

  it('refuses what it does not support, naming it, in the error envelope', LIMIT, async () => {
    const inputFileId = await upload(client, [chatLine('a', 'one')]);
    const refused = async (body: Record<string, unknown>, pattern: RegExp) => {
      const response = await fetch(`${stack.baseURL}/batches`, { method: 'POST', headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const payload = (await response.json()) as { error: { code: number; message: string } };
      assert.equal(response.status, 400);
      assert.equal(payload.error.code, 400);
      assert.match(payload.error.message, pattern);
    };
    await refused({ input_file_id: inputFileId, endpoint: '/v1/chat/completions', completion_window: '48h' }, /completion_window must be "24h".*"48h"/);
    await refused({ input_file_id: inputFileId, endpoint: '/v1/responses', completion_window: '24h' }, /endpoint must be one of/);
    await refused({ input_file_id: inputFileId, endpoint: '/v1/chat/completions', completion_window: '24h', priority: 1 }, /priority/);
    await assert.rejects(client.files.create({ file: await toFile(Buffer.from('{}\n'), 'x.jsonl'), purpose: 'fine-tune' }), /purpose must be "batch"/);
    const management = await fetch(`${stack.baseURL}/batches`, { headers: { authorization: `Bearer ${stack.adminKey}` } });
    assert.equal(management.status, 403);
  });

  it('refuses a batch whose worst case does not fit the key limit with a 402 naming the numbers', LIMIT, async () => {
    const capped = new OpenAI({ apiKey: (await stack.createKey({ name: 'capped', limit: 0.001 })).key, baseURL: stack.baseURL, maxRetries: 0 });
    const lines = Array.from({ length: 5 }, (_, index) => chatLine(`line-${index}`, 'a long answer please', { max_tokens: 1000 }));
    const inputFileId = await upload(capped, lines);
    const error = await capped.batches.create({ input_file_id: inputFileId, endpoint: '/v1/chat/completions', completion_window: '24h' }).then(
      () => assert.fail('expected a 402'),
      (caught: unknown) => caught as InstanceType<typeof OpenAI.APIError>,
    );
    assert.equal(error.status, 402);
    assert.match(error.message, /could cost up to \$0\.01\d+ \(5 requests.*Key limit has \$0\.001 left/);
    // Within the limit (max_tokens small), the same key may submit.
    const small = await upload(capped, [chatLine('tiny', 'hi', { max_tokens: 5 })]);
    const accepted = await capped.batches.create({ input_file_id: small, endpoint: '/v1/chat/completions', completion_window: '24h' });
    assert.equal((await waitForStatus(capped, accepted.id, ['completed'])).request_counts?.completed, 1);
  });

  it("waits out the key's own rate limit and retries upstream 429s; 429 to the end goes to the error file", LIMIT, async () => {
    // One request at a time for this key, two lines of the batch at once: the gateway's limiter refuses one.
    const limited = new OpenAI({ apiKey: (await stack.createKey({ name: 'one at a time', rate_limits: { concurrent_requests: 1 } })).key, baseURL: stack.baseURL, maxRetries: 0 });
    let flaky = 0;
    const fault = (request: { body: Record<string, unknown> }) => {
      const text = JSON.stringify(request.body);
      if (text.includes('always rate limited')) return { status: 429 };
      // Both endpoints (sim-a, sim-b) refuse the first run of this line; the retry gets through.
      if (text.includes('rate limited twice') && flaky++ < 2) return { status: 429 };
      return undefined;
    };
    stack.sim.setKeyFault('sk-sim-a', fault);
    stack.sim.setKeyFault('sk-sim-b', fault);
    try {
      const lines = [
        ...Array.from({ length: 4 }, (_, index) => chatLine(`limited-${index}`, `limited ${index} [[sim:delay=150]]`)),
        chatLine('flaky', 'rate limited twice'),
        chatLine('hopeless', 'always rate limited'),
      ];
      const batch = await limited.batches.create({ input_file_id: await upload(limited, lines), endpoint: '/v1/chat/completions', completion_window: '24h' });
      const done = await waitForStatus(limited, batch.id, ['completed'], 25_000);
      assert.deepEqual(done.request_counts, { total: 6, completed: 5, failed: 1 });
      const output = await readJsonl(limited, done.output_file_id!);
      assert.deepEqual(output.map((row) => row.custom_id).sort(), ['flaky', 'limited-0', 'limited-1', 'limited-2', 'limited-3']);
      const [hopeless] = await readJsonl(limited, done.error_file_id!);
      assert.equal(hopeless?.custom_id, 'hopeless');
      assert.equal(hopeless?.response.status_code, 429);
      const runs = stack.sim.requests.filter((request) => JSON.stringify(request.body).includes('always rate limited')).length;
      assert.ok(runs >= 3, `the hopeless line ran 1 + 2 times (${runs} upstream calls)`);
    } finally {
      stack.sim.setKeyFault('sk-sim-a', undefined);
      stack.sim.setKeyFault('sk-sim-b', undefined);
    }
  });

  it('runs an embeddings batch', LIMIT, async () => {
    const line = (customId: string, input: string) => JSON.stringify({ custom_id: customId, method: 'POST', url: '/v1/embeddings', body: { model: 'sim/embed', input } });
    const batch = await client.batches.create({ input_file_id: await upload(client, [line('e1', 'first text'), line('e2', 'second text')]), endpoint: '/v1/embeddings', completion_window: '24h' });
    const done = await waitForStatus(client, batch.id, ['completed']);
    assert.deepEqual(done.request_counts, { total: 2, completed: 2, failed: 0 });
    const output = await readJsonl(client, done.output_file_id!);
    const first = output.find((row) => row.custom_id === 'e1')!;
    assert.equal(first.response.body.object, 'list');
    assert.ok(first.response.body.data[0].embedding.length > 0);
    assert.ok(first.response.body.usage.prompt_tokens > 0);
  });

  it('cancel stops starting lines: in-flight ones finish, the rest never reach the provider', LIMIT, async () => {
    const lines = Array.from({ length: 12 }, (_, index) => chatLine(`slow-${index}`, `slow ${index} [[sim:delay=300]]`));
    const inputFileId = await upload(client, lines);
    const batch = await client.batches.create({ input_file_id: inputFileId, endpoint: '/v1/chat/completions', completion_window: '24h' });
    const running = await waitForStatus(client, batch.id, ['in_progress']);
    assert.equal(running.status, 'in_progress');
    await new Promise((resolve) => setTimeout(resolve, 400));
    const cancelling = await client.batches.cancel(batch.id);
    assert.ok(['cancelling', 'cancelled'].includes(cancelling.status));
    const cancelled = await waitForStatus(client, batch.id, ['cancelled']);
    const upstream = stack.sim.requests.filter((request) => JSON.stringify(request.body).includes('slow ')).length;
    const done = cancelled.request_counts!.completed + cancelled.request_counts!.failed;
    assert.equal(done, upstream, 'every line that reached the provider is in the output, no other');
    assert.ok(upstream >= 2 && upstream < 12, `some but not all lines ran (${upstream})`);
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(stack.sim.requests.filter((request) => JSON.stringify(request.body).includes('slow ')).length, upstream, 'nothing started after the cancel');
    assert.equal((await readJsonl(client, cancelled.output_file_id!)).length, cancelled.request_counts!.completed);
  });
});
