import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { chatCompletionsCodec } from '../http/codecs/chat-completions-codec.js';
import { embeddingsCodec } from '../http/codecs/embeddings/embeddings-codec.js';
import type { InferenceRunner } from '../pipeline/run-inference.js';
import { sampleBatch } from '../stores/contract/batch-store.contract.js';
import { openMemoryStores } from '../stores/memory/open-memory-stores.js';
import { BatchFileStorage } from './batch-file-storage.js';
import { driveBatch, type BatchDriverDeps } from './drive-batch.js';
import { SlotPool } from './slot-pool.js';

const line = (customId: string) => JSON.stringify({ custom_id: customId, method: 'POST', url: '/v1/chat/completions', body: { model: 'sim/echo', messages: [{ role: 'user', content: customId }] } });

describe('driveBatch', () => {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-batch-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('past its completion window: runs nothing, every line to the error file as batch_expired, status expired', async () => {
    const stores = await openMemoryStores();
    const storage = new BatchFileStorage(dir);
    await storage.saveText('file-in1', `${line('a')}\n${line('b')}\nnot json\n`);
    const batch = sampleBatch('batch_exp', { status: 'in_progress', createdAt: 0, expiresAt: 1_000, inProgressAt: 0 });
    await stores.batches.create(batch);
    let runs = 0;
    const deps: BatchDriverDeps = {
      store: stores.batches,
      files: stores.files,
      storage,
      runner: { run: async () => void (runs += 1) } as unknown as InferenceRunner,
      codecs: { '/v1/chat/completions': chatCompletionsCodec, '/v1/embeddings': embeddingsCodec },
      describeError: () => ({ status: 500, headers: {}, body: { error: { code: 500, message: 'x' } } }),
      slots: new SlotPool(1),
      concurrency: 2,
      upstream429Retries: 0,
      now: () => 5_000,
      log: pino({ level: 'silent' }),
    };
    await driveBatch(batch, deps, new AbortController().signal);
    assert.equal(runs, 0);
    const ended = await stores.batches.find('batch_exp');
    assert.equal(ended?.status, 'expired');
    assert.equal(ended?.expiredAt, 5_000);
    assert.deepEqual(ended?.counts, { total: 3, completed: 0, failed: 3 });
    assert.equal(ended?.outputFileId, null);
    const errors = (await storage.readText(ended!.errorFileId!)).trim().split('\n').map((row) => JSON.parse(row) as { custom_id: string | null; error: { code: string } });
    assert.deepEqual(errors.map((row) => [row.custom_id, row.error.code]), [['a', 'batch_expired'], ['b', 'batch_expired'], [null, 'invalid_json_line']]);
    // The produced file is the key's, private on disk.
    assert.equal((await stores.files.find(ended!.errorFileId!, batch.keyHash))?.purpose, 'batch_output');
    assert.equal(statSync(join(dir, `${ended!.errorFileId}.jsonl`)).mode & 0o777, 0o600);
  });
});
