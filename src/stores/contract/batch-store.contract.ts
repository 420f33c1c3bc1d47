import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BatchRecord, BatchStore } from '../batch-store.js';
import type { FileRecord, FileStore } from '../file-store.js';

const NATIVE_STATE = {
  mode: 'native' as const,
  native: { provider: 'openai', round: 1, jobs: [{ remoteId: 'batch_x', model: 'openai/gpt-4o-mini', collected: false, lines: [{ index: 0, customId: 'l0', generationId: 'gen-1-a', scopes: ['key:k'], reserved: '1000' }] }] },
};

export const sampleBatch = (id: string, overrides: Partial<BatchRecord> = {}): BatchRecord => ({
  id,
  keyHash: 'key-a',
  workspaceId: 'default',
  status: 'validating',
  spec: { endpoint: '/v1/chat/completions', inputFileId: 'file-in1', completionWindow: '24h', metadata: { job: 'nightly' } },
  createdAt: 1_000,
  expiresAt: 1_000 + 86_400_000,
  inProgressAt: null,
  finalizingAt: null,
  completedAt: null,
  failedAt: null,
  expiredAt: null,
  cancellingAt: null,
  cancelledAt: null,
  counts: { total: 3, completed: 0, failed: 0 },
  outputFileId: null,
  errorFileId: null,
  state: {},
  ...overrides,
});

const sampleFile = (id: string, overrides: Partial<FileRecord> = {}): FileRecord => ({
  id,
  keyHash: 'key-a',
  workspaceId: 'default',
  filename: 'input.jsonl',
  purpose: 'batch',
  bytes: 1234,
  lineCount: 3,
  createdAt: 1_000,
  batchId: null,
  ...overrides,
});

/** The BatchStore and FileStore contract every backend passes. */
export function describeBatchStoreContract(name: string, open: () => Promise<{ batches: BatchStore; files: FileStore; close(): Promise<void> }>): void {
  describe(`BatchStore and FileStore contract: ${name}`, () => {
    const withStores = async (test: (stores: { batches: BatchStore; files: FileStore }) => Promise<void>) => {
      const { close, ...stores } = await open();
      try {
        await test(stores);
      } finally {
        await close();
      }
    };

    it('stores a batch as given; only its key finds it; lists newest first with an `after` cursor', () =>
      withStores(async ({ batches }) => {
        await batches.create(sampleBatch('batch_1'));
        await batches.create(sampleBatch('batch_2', { createdAt: 2_000 }));
        await batches.create(sampleBatch('batch_3', { createdAt: 3_000, keyHash: 'key-b' }));
        assert.deepEqual(await batches.find('batch_1'), sampleBatch('batch_1'));
        assert.deepEqual(await batches.find('batch_1', 'key-a'), sampleBatch('batch_1'));
        assert.equal(await batches.find('batch_1', 'key-b'), undefined);
        assert.deepEqual((await batches.list({ keyHash: 'key-a', limit: 10 })).map((b) => b.id), ['batch_2', 'batch_1']);
        assert.deepEqual((await batches.list({ keyHash: 'key-a', limit: 1 })).map((b) => b.id), ['batch_2']);
        assert.deepEqual((await batches.list({ keyHash: 'key-a', after: 'batch_2', limit: 10 })).map((b) => b.id), ['batch_1']);
        assert.deepEqual(await batches.list({ keyHash: 'key-a', after: 'batch_3', limit: 10 }), [], "another key's id is no cursor");
      }));

    it('transitions only from the given statuses; update never touches the status', () =>
      withStores(async ({ batches }) => {
        await batches.create(sampleBatch('batch_1'));
        assert.equal(await batches.transition('batch_1', ['in_progress'], 'finalizing'), false);
        assert.equal(await batches.transition('batch_1', ['validating'], 'in_progress', { inProgressAt: 5_000, counts: { total: 3, completed: 0, failed: 0 } }), true);
        await batches.update('batch_1', { counts: { total: 3, completed: 2, failed: 1 }, state: NATIVE_STATE });
        assert.equal(await batches.transition('batch_1', ['validating', 'in_progress'], 'cancelling', { cancellingAt: 6_000 }), true);
        const batch = await batches.find('batch_1');
        assert.equal(batch?.status, 'cancelling');
        assert.equal(batch?.inProgressAt, 5_000);
        assert.equal(batch?.cancellingAt, 6_000);
        assert.deepEqual(batch?.counts, { total: 3, completed: 2, failed: 1 });
        assert.deepEqual(batch?.state, NATIVE_STATE);
        assert.deepEqual((await batches.listByStatus(['cancelling'])).map((b) => b.id), ['batch_1']);
        assert.deepEqual(await batches.listByStatus(['in_progress']), []);
      }));

    it('a lease has one holder until it lapses; the holder renews and releases it', () =>
      withStores(async ({ batches }) => {
        await batches.create(sampleBatch('batch_1'));
        assert.equal(await batches.claim('batch_1', 'node-a', 10_000, 1_000), true);
        assert.equal(await batches.claim('batch_1', 'node-b', 10_500, 1_000), false, 'held by node-a');
        assert.equal(await batches.claim('batch_1', 'node-a', 10_900, 1_000), true, 'renewed');
        assert.equal(await batches.claim('batch_1', 'node-b', 11_500, 1_000), false, 'the renewal moved the expiry');
        assert.equal(await batches.claim('batch_1', 'node-b', 12_000, 1_000), true, 'lapsed: taken over');
        assert.equal(await batches.claim('batch_1', 'node-a', 12_100, 1_000), false);
        await batches.release('batch_1', 'node-a');
        assert.equal(await batches.claim('batch_1', 'node-a', 12_200, 1_000), false, 'only the holder releases');
        await batches.release('batch_1', 'node-b');
        assert.equal(await batches.claim('batch_1', 'node-a', 12_300, 1_000), true);
        assert.equal(await batches.claim('batch_nope', 'node-a', 12_300, 1_000), false);
      }));

    it('records each line once, lists them in input order, and deletes them with the batch', () =>
      withStores(async ({ batches }) => {
        await batches.create(sampleBatch('batch_1'));
        assert.equal(await batches.recordLine({ batchId: 'batch_1', index: 2, ok: true, result: '{"c":2}', generationId: 'gen-2' }), true);
        assert.equal(await batches.recordLine({ batchId: 'batch_1', index: 0, ok: false, result: '{"c":0}', generationId: null }), true);
        assert.equal(await batches.recordLine({ batchId: 'batch_1', index: 2, ok: false, result: '{"again":2}', generationId: null }), false);
        assert.deepEqual(await batches.lines('batch_1'), [
          { batchId: 'batch_1', index: 0, ok: false, result: '{"c":0}', generationId: null },
          { batchId: 'batch_1', index: 2, ok: true, result: '{"c":2}', generationId: 'gen-2' },
        ]);
        await batches.delete('batch_1');
        assert.equal(await batches.find('batch_1'), undefined);
        assert.deepEqual(await batches.lines('batch_1'), []);
      }));

    it('retention: ended batches by when they ended; uploads no batch reads', () =>
      withStores(async ({ batches, files }) => {
        await batches.create(sampleBatch('batch_old', { status: 'completed', completedAt: 5_000 }));
        await batches.create(sampleBatch('batch_new', { status: 'cancelled', cancelledAt: 50_000, spec: { ...sampleBatch('x').spec, inputFileId: 'file-used' } }));
        await batches.create(sampleBatch('batch_running', { status: 'in_progress', createdAt: 1 }));
        assert.deepEqual((await batches.listEndedBefore(10_000)).map((b) => b.id), ['batch_old']);
        await files.create(sampleFile('file-used'));
        await files.create(sampleFile('file-unused'));
        await files.create(sampleFile('file-recent', { createdAt: 90_000 }));
        await files.create(sampleFile('file-out', { purpose: 'batch_output', batchId: 'batch_new' }));
        assert.deepEqual((await files.listUnusedBefore(10_000)).map((f) => f.id), ['file-unused']);
        assert.deepEqual((await files.listForBatch('batch_new')).map((f) => f.id), ['file-out']);
      }));

    it('summarizes batches by status since a time, per workspace or key', () =>
      withStores(async ({ batches }) => {
        await batches.create(sampleBatch('batch_1', { status: 'completed', counts: { total: 3, completed: 2, failed: 1 } }));
        await batches.create(sampleBatch('batch_2', { status: 'completed', counts: { total: 5, completed: 5, failed: 0 } }));
        await batches.create(sampleBatch('batch_3', { status: 'in_progress', keyHash: 'key-b', counts: { total: 4, completed: 1, failed: 0 } }));
        await batches.create(sampleBatch('batch_4', { status: 'completed', workspaceId: 'other' }));
        await batches.create(sampleBatch('batch_old', { status: 'failed', createdAt: 10 }));
        assert.deepEqual(await batches.summarize({ since: 500, workspaceId: 'default' }), [
          { status: 'completed', batches: 2, counts: { total: 8, completed: 7, failed: 1 } },
          { status: 'in_progress', batches: 1, counts: { total: 4, completed: 1, failed: 0 } },
        ]);
        assert.deepEqual(await batches.summarize({ since: 500, keyHash: 'key-b' }), [{ status: 'in_progress', batches: 1, counts: { total: 4, completed: 1, failed: 0 } }]);
        assert.equal((await batches.summarize({ since: 0 })).find((row) => row.status === 'failed')?.batches, 1);
        assert.deepEqual(await batches.summarize({ since: 0, until: 500 }), [{ status: 'failed', batches: 1, counts: { total: 3, completed: 0, failed: 0 } }]);
      }));

    it('files: as given, only for their key, newest first by purpose with a cursor, deleted once', () =>
      withStores(async ({ files }) => {
        await files.create(sampleFile('file-a'));
        await files.create(sampleFile('file-b', { createdAt: 2_000, purpose: 'batch_output', batchId: 'batch_1' }));
        await files.create(sampleFile('file-c', { createdAt: 3_000, keyHash: 'key-b' }));
        assert.deepEqual(await files.find('file-a', 'key-a'), sampleFile('file-a'));
        assert.equal(await files.find('file-a', 'key-b'), undefined);
        assert.deepEqual((await files.list({ keyHash: 'key-a', limit: 10 })).map((f) => f.id), ['file-b', 'file-a']);
        assert.deepEqual((await files.list({ keyHash: 'key-a', purpose: 'batch', limit: 10 })).map((f) => f.id), ['file-a']);
        assert.deepEqual((await files.list({ keyHash: 'key-a', after: 'file-b', limit: 10 })).map((f) => f.id), ['file-a']);
        assert.equal(await files.delete('file-a'), true);
        assert.equal(await files.delete('file-a'), false);
      }));
  });
}
