import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { BatchGenerationWriter } from './batch-generation-writer.js';
import { makeGenerationRecord } from './contract/generation-store.contract.js';
import type { GenerationRecord } from './generation-store.js';

/** A store that records each recordMany call and can be told to fail or to hold a write. */
class FakeStore {
  calls: string[][] = [];
  failNext = 0;
  gate: Promise<void> | undefined;
  async recordMany(records: GenerationRecord[]): Promise<void> {
    if (this.gate) await this.gate;
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('database is locked');
    }
    this.calls.push(records.map((record) => record.id));
  }
  get written(): string[] {
    return this.calls.flat();
  }
}

/** Polls until `check` passes, so timer-driven tests do not depend on scheduler luck. */
async function waitFor(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(5);
  }
}

const record = (i: number) => makeGenerationRecord({ id: `gen-${i}` });
const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `gen-${from + i}`);

function setup(options: { intervalMs?: number; maxBatch?: number } = {}) {
  const store = new FakeStore();
  const errors: unknown[] = [];
  const writer = new BatchGenerationWriter({
    store,
    onError: (err) => errors.push(err),
    intervalMs: options.intervalMs ?? 60_000,
    maxBatch: options.maxBatch,
  });
  return { store, errors, writer };
}

describe('BatchGenerationWriter', () => {
  it('enqueue returns at once; flush writes everything queued, in order', async () => {
    const { store, writer } = setup();
    for (let i = 0; i < 5; i++) writer.enqueue(record(i));
    assert.equal(store.calls.length, 0);
    assert.equal(writer.pending, 5);
    await writer.flush();
    assert.deepEqual(store.calls, [ids(0, 5)]);
    assert.equal(writer.pending, 0);
    await writer.flush(); // nothing queued: no empty write
    assert.equal(store.calls.length, 1);
    await writer.close();
  });

  it('flushes on the timer', async () => {
    const { store, writer } = setup({ intervalMs: 10 });
    writer.enqueue(record(1));
    await waitFor(() => store.calls.length > 0);
    assert.deepEqual(store.written, ['gen-1']);
    await writer.close();
  });

  it('flushes as soon as maxBatch records are queued, without waiting for the timer', async () => {
    const { store, writer } = setup({ maxBatch: 3 });
    writer.enqueue(record(0));
    writer.enqueue(record(1));
    await sleep(5);
    assert.equal(store.calls.length, 0);
    writer.enqueue(record(2));
    await sleep(5);
    assert.deepEqual(store.calls, [ids(0, 3)]);
    await writer.close();
  });

  it('writes a long queue in maxBatch slices', async () => {
    const { store, writer } = setup({ maxBatch: 4 });
    // Hold the first write so the queue grows past maxBatch.
    let release!: () => void;
    store.gate = new Promise((resolve) => (release = resolve));
    for (let i = 0; i < 10; i++) writer.enqueue(record(i));
    store.gate = undefined;
    release();
    await writer.flush();
    assert.deepEqual(store.written, ids(0, 10));
    assert.ok(store.calls.every((call) => call.length <= 4), JSON.stringify(store.calls));
    await writer.close();
  });

  it('flush also covers records enqueued while an earlier write is in flight', async () => {
    const { store, writer } = setup();
    let release!: () => void;
    store.gate = new Promise((resolve) => (release = resolve));
    writer.enqueue(record(0));
    const first = writer.flush();
    await sleep(1);
    writer.enqueue(record(1));
    assert.equal(writer.pending, 2);
    const second = writer.flush();
    store.gate = undefined;
    release();
    await second;
    await first;
    assert.deepEqual(store.written, ['gen-0', 'gen-1']);
    await writer.close();
  });

  it('keeps records after a failed write, reports it, and retries on the next flush', async () => {
    const { store, errors, writer } = setup({ intervalMs: 100, maxBatch: 2 });
    store.failNext = 2;
    writer.enqueue(record(0));
    writer.enqueue(record(1)); // maxBatch: background flush, which fails
    await sleep(1);
    assert.equal(errors.length, 1);
    assert.match(String(errors[0]), /database is locked/);
    assert.equal(writer.pending, 2);
    writer.enqueue(record(2)); // while failing, enqueue waits for the timer instead of retrying
    await waitFor(() => writer.pending === 0); // timer retries: second failure, then success
    assert.equal(errors.length, 2);
    assert.deepEqual(store.written, ids(0, 3));
    assert.equal(writer.pending, 0);
    await writer.close();
  });

  it('flush rejects when the write fails and the next flush writes the same records', async () => {
    const { store, writer } = setup();
    store.failNext = 1;
    writer.enqueue(record(0));
    await assert.rejects(writer.flush(), /database is locked/);
    assert.equal(writer.pending, 1);
    await writer.flush();
    assert.deepEqual(store.written, ['gen-0']);
    await writer.close();
  });

  it('close writes everything still queued and stops the timer', async () => {
    const { store, writer } = setup({ intervalMs: 5 });
    for (let i = 0; i < 7; i++) writer.enqueue(record(i));
    await writer.close();
    assert.deepEqual(store.written, ids(0, 7));
    const calls = store.calls.length;
    await sleep(30);
    assert.equal(store.calls.length, calls);
  });

  it('close rejects and keeps the records when the final write fails; a second close writes them', async () => {
    const { store, writer } = setup();
    store.failNext = 1;
    writer.enqueue(record(0));
    await assert.rejects(writer.close(), /database is locked/);
    assert.equal(writer.pending, 1);
    await writer.close();
    assert.deepEqual(store.written, ['gen-0']);
  });

  it('writes a record enqueued after close instead of dropping it', async () => {
    const { store, writer } = setup();
    await writer.close();
    writer.enqueue(record(9));
    await writer.flush();
    assert.deepEqual(store.written, ['gen-9']);
  });

  it('does not keep the process alive (timer is unref-ed)', () => {
    const script = `
      import { BatchGenerationWriter } from ${JSON.stringify(new URL('./batch-generation-writer.ts', import.meta.url).href)};
      new BatchGenerationWriter({ store: { recordMany: async () => {} }, onError: () => {}, intervalMs: 10 });
    `;
    // Would hang (and hit the timeout) if the interval held the event loop open.
    execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: 20_000 });
  });
});
