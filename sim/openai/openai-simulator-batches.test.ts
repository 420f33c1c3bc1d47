import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI, { toFile } from 'openai';
import { withOpenAISimulator as withSim } from './with-openai-simulator.js';

const LIMIT = { timeout: 10_000 };

function chatLine(customId: string, content: string, model = 'gpt-4o-mini'): string {
  return JSON.stringify({ custom_id: customId, method: 'POST', url: '/v1/chat/completions', body: { model, messages: [{ role: 'user', content }] } });
}

async function upload(client: OpenAI, lines: string[]): Promise<string> {
  const file = await client.files.create({ file: await toFile(Buffer.from(`${lines.join('\n')}\n`), 'input.jsonl'), purpose: 'batch' });
  return file.id;
}

async function waitFor(client: OpenAI, id: string, done: (batch: OpenAI.Batches.Batch) => boolean): Promise<OpenAI.Batches.Batch> {
  for (let i = 0; i < 400; i++) {
    const batch = await client.batches.retrieve(id);
    if (done(batch)) return batch;
    await sleep(10);
  }
  throw new Error(`batch ${id} never reached the expected state`);
}

const ENDED = (batch: OpenAI.Batches.Batch) => ['completed', 'failed', 'expired', 'cancelled'].includes(batch.status);

async function readJsonl(client: OpenAI, fileId: string | null | undefined): Promise<Array<Record<string, any>>> {
  assert.ok(fileId, 'file id present');
  const text = await (await client.files.content(fileId)).text();
  return text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, any>);
}

test('a chat batch runs through validating → in_progress → finalizing → completed with output and error files', LIMIT, async () => {
  await withSim(async (sim, client) => {
    const inputId = await upload(client, [
      chatLine('a', 'first question'),
      chatLine('b', 'boom [[sim:status=500]]'),
      JSON.stringify({ custom_id: 'c', method: 'POST', url: '/v1/chat/completions', body: { model: 'gpt-4o-mini', messages: [] } }),
      chatLine('d', 'second question'),
    ]);
    const uploaded = await client.files.retrieve(inputId);
    assert.equal(uploaded.purpose, 'batch');
    assert.equal(uploaded.filename, 'input.jsonl');
    const created = await client.batches.create({ input_file_id: inputId, endpoint: '/v1/chat/completions', completion_window: '24h', metadata: { job: 'nightly' } });
    assert.match(created.id, /^batch_/);
    assert.equal(created.status, 'validating');
    assert.deepEqual(created.metadata, { job: 'nightly' });

    const seen = new Set<string>();
    const batch = await waitFor(client, created.id, (b) => (seen.add(b.status), ENDED(b)));
    assert.equal(batch.status, 'completed');
    assert.ok(seen.has('finalizing') || seen.has('in_progress'), [...seen].join());
    assert.deepEqual(batch.request_counts, { total: 4, completed: 2, failed: 2 });
    for (const field of ['in_progress_at', 'finalizing_at', 'completed_at'] as const) assert.equal(typeof batch[field], 'number', field);

    const output = await readJsonl(client, batch.output_file_id);
    assert.deepEqual(output.map((line) => line.custom_id).sort(), ['a', 'd']);
    const first = output.find((line) => line.custom_id === 'a')!;
    assert.match(first.id, /^batch_req_/);
    assert.equal(first.error, null);
    assert.equal(first.response.status_code, 200);
    assert.match(first.response.request_id, /^req_/);
    assert.equal(first.response.body.object, 'chat.completion');
    assert.equal(first.response.body.choices[0].message.content, 'Echo: first question');
    assert.ok(first.response.body.usage.prompt_tokens > 0);

    const errors = await readJsonl(client, batch.error_file_id);
    const byId = Object.fromEntries(errors.map((line) => [line.custom_id, line]));
    assert.equal(byId.b?.response.status_code, 500);
    assert.equal(byId.b?.response.body.error.type, 'server_error');
    assert.equal(byId.c?.response.status_code, 400);
    assert.equal(byId.c?.response.body.error.code, 'empty_array');

    const lines = sim.requests.filter((r) => r.path === '/v1/chat/completions');
    assert.equal(lines.length, 4, 'every line ran against the chat endpoint');
    assert.ok(lines.every((r) => r.headers.authorization === 'Bearer sk-test'), 'with the creator key');
    const listed = await client.batches.list();
    assert.deepEqual(listed.data.map((b) => b.id), [created.id]);
  });
});

test('an invalid input file fails the batch as a whole, naming each bad line', LIMIT, async () => {
  await withSim(async (_sim, client) => {
    const inputId = await upload(client, [
      chatLine('a', 'fine'),
      '{not json',
      chatLine('a', 'again'),
      JSON.stringify({ custom_id: 'x', method: 'POST', url: '/v1/embeddings', body: { model: 'gpt-4o-mini', input: 'x' } }),
      chatLine('y', 'other model', 'gpt-4o'),
    ]);
    const created = await client.batches.create({ input_file_id: inputId, endpoint: '/v1/chat/completions', completion_window: '24h' });
    const batch = await waitFor(client, created.id, ENDED);
    assert.equal(batch.status, 'failed');
    assert.equal(typeof batch.failed_at, 'number');
    assert.deepEqual(
      batch.errors?.data?.map((e) => [e.code, e.line]),
      [['invalid_json_line', 2], ['duplicate_custom_id', 3], ['url_mismatch', 4], ['model_mismatch', 5]],
    );
    assert.equal(batch.output_file_id, null);
  });
});

test('cancel midway: running lines finish, the rest are reported batch_cancelled', LIMIT, async () => {
  await withSim(
    async (_sim, client) => {
      const lines = Array.from({ length: 6 }, (_, i) => chatLine(`r${i}`, `slow ${i} [[sim:delay=80]]`));
      const created = await client.batches.create({ input_file_id: await upload(client, lines), endpoint: '/v1/chat/completions', completion_window: '24h' });
      await waitFor(client, created.id, (b) => b.request_counts !== undefined && (b.request_counts.completed ?? 0) >= 1);
      const cancelling = await client.batches.cancel(created.id);
      assert.equal(cancelling.status, 'cancelling');
      assert.equal(typeof cancelling.cancelling_at, 'number');
      const batch = await waitFor(client, created.id, ENDED);
      assert.equal(batch.status, 'cancelled');
      assert.equal(typeof batch.cancelled_at, 'number');
      const done = batch.request_counts!.completed;
      assert.ok(done >= 1 && done < 6, `completed ${done}`);
      const output = await readJsonl(client, batch.output_file_id);
      const errors = await readJsonl(client, batch.error_file_id);
      assert.equal(output.length, done);
      assert.ok(errors.every((line) => line.error?.code === 'batch_cancelled' && line.response === null));
      assert.equal(output.length + errors.length, 6);
      await assert.rejects(client.batches.cancel(created.id), (error: unknown) => error instanceof OpenAI.APIError && error.status === 409);
    },
    { batchConcurrency: 1 },
  );
});

test('a line asking [[sim:batch_expire=1]] ends the window: it and the rest expire', LIMIT, async () => {
  await withSim(
    async (_sim, client) => {
      const lines = [chatLine('a', 'one'), chatLine('b', 'two [[sim:batch_expire=1]]'), chatLine('c', 'three')];
      const created = await client.batches.create({ input_file_id: await upload(client, lines), endpoint: '/v1/chat/completions', completion_window: '24h' });
      const batch = await waitFor(client, created.id, ENDED);
      assert.equal(batch.status, 'expired');
      assert.equal(typeof batch.expired_at, 'number');
      assert.deepEqual((await readJsonl(client, batch.output_file_id)).map((l) => l.custom_id), ['a']);
      const errors = await readJsonl(client, batch.error_file_id);
      assert.deepEqual(errors.map((l) => [l.custom_id, l.error.code]), [['b', 'batch_expired'], ['c', 'batch_expired']]);
    },
    { batchConcurrency: 1 },
  );
});

test('embeddings batches run against /v1/embeddings', LIMIT, async () => {
  await withSim(async (_sim, client) => {
    const line = JSON.stringify({ custom_id: 'e1', method: 'POST', url: '/v1/embeddings', body: { model: 'text-embedding-3-small', input: 'hello', dimensions: 8 } });
    const created = await client.batches.create({ input_file_id: await upload(client, [line]), endpoint: '/v1/embeddings', completion_window: '24h' });
    const batch = await waitFor(client, created.id, ENDED);
    assert.equal(batch.status, 'completed');
    const [result] = await readJsonl(client, batch.output_file_id);
    assert.equal(result?.response.body.data[0].embedding.length, 8);
  });
});

test('the Files and Batches calls refuse bad input and take faults like every endpoint', LIMIT, async () => {
  await withSim(async (sim, client) => {
    const inputId = await upload(client, [chatLine('a', 'x')]);
    await assert.rejects(
      client.batches.create({ input_file_id: inputId, endpoint: '/v1/chat/completions', completion_window: '48h' as '24h' }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && /completion_window|'48h'/.test(error.message),
    );
    await assert.rejects(client.batches.create({ input_file_id: 'file-nope', endpoint: '/v1/chat/completions', completion_window: '24h' }), OpenAI.BadRequestError);
    await assert.rejects(client.batches.retrieve('batch_nope'), OpenAI.NotFoundError);
    await assert.rejects(client.files.content('file-nope'), OpenAI.NotFoundError);
    await assert.rejects(client.files.create({ file: await toFile(Buffer.from('x'), 'input.txt'), purpose: 'batch' }), OpenAI.BadRequestError);

    sim.enqueueFault({ status: 429, retry_after: 3 });
    await assert.rejects(client.batches.create({ input_file_id: inputId, endpoint: '/v1/chat/completions', completion_window: '24h' }), OpenAI.RateLimitError);
    sim.setKeyFault('sk-test', { status: 503 });
    await assert.rejects(client.files.content(inputId), (error: unknown) => error instanceof OpenAI.APIError && error.status === 503);
    sim.setKeyFault('sk-test', undefined);
    assert.equal(sim.batches.size, 0);
  });
});
