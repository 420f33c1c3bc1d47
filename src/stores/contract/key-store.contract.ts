/**
 * The behaviour every KeyStore backend must show. Each backend's test file calls
 * describeKeyStoreContract with a factory; every case gets a fresh, empty store.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiKeyRecord, KeyStore } from '../key-store.js';
import { openFreshPerTest } from './open-fresh-per-test.js';

/** A fresh, empty store and how to release it. */
export interface OpenedKeyStore {
  store: KeyStore;
  close(): Promise<void>;
}

/** Builds a complete record; every field is set so round-trips check all of them. */
export function makeKeyRecord(overrides: Partial<ApiKeyRecord> = {}): ApiKeyRecord {
  return {
    hash: 'a'.repeat(64),
    kind: 'inference',
    name: 'ci key',
    label: 'sk-or-v1-abc...123',
    disabled: false,
    limit: '12.5',
    limitReset: 'monthly',
    includeByokInLimit: true,
    workspaceId: 'ws-1',
    creatorUserId: 'user-1',
    createdAt: '2025-03-01T10:00:00.000Z',
    updatedAt: null,
    expiresAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** Registers the KeyStore contract tests under `describe(name)`. */
export function describeKeyStoreContract(name: string, open: () => Promise<OpenedKeyStore>): void {
  describe(`KeyStore contract: ${name}`, () => {
    const fresh = openFreshPerTest(open, (opened) => opened.store);

    it('round-trips every field through create and findByHash', async () => {
      const store = await fresh();
      const full = makeKeyRecord();
      const sparse = makeKeyRecord({
        hash: 'b'.repeat(64),
        kind: 'management',
        disabled: true,
        limit: null,
        limitReset: null,
        includeByokInLimit: false,
        creatorUserId: null,
        updatedAt: '2025-03-02T00:00:00.000Z',
        expiresAt: null,
      });
      await store.create(full);
      await store.create(sparse);
      assert.deepEqual(await store.findByHash(full.hash), full);
      assert.deepEqual(await store.findByHash(sparse.hash), sparse);
      assert.equal(await store.findByHash('c'.repeat(64)), undefined);
    });

    it('rejects a second key with the same hash', async () => {
      const store = await fresh();
      await store.create(makeKeyRecord());
      await assert.rejects(store.create(makeKeyRecord({ name: 'other' })));
      assert.equal((await store.findByHash('a'.repeat(64)))?.name, 'ci key');
    });

    it('returns copies: mutating a result does not change the store', async () => {
      const store = await fresh();
      await store.create(makeKeyRecord());
      const found = await store.findByHash('a'.repeat(64));
      assert.ok(found);
      found.name = 'mutated';
      assert.equal((await store.findByHash('a'.repeat(64)))?.name, 'ci key');
    });

    it('listAll returns every key of every kind, disabled included', async () => {
      const store = await fresh();
      await store.create(makeKeyRecord({ hash: 'h1', createdAt: '2025-01-02T00:00:00.000Z' }));
      await store.create(makeKeyRecord({ hash: 'h2', kind: 'management', createdAt: '2025-01-01T00:00:00.000Z' }));
      await store.create(makeKeyRecord({ hash: 'h3', disabled: true, createdAt: '2025-01-03T00:00:00.000Z' }));
      const all = await store.listAll();
      assert.deepEqual(all.map((key) => key.hash).sort(), ['h1', 'h2', 'h3']);
    });

    it('list filters by kind, hides disabled keys unless asked, orders by createdAt then hash, pages', async () => {
      const store = await fresh();
      const t1 = '2025-01-01T00:00:00.000Z';
      const t2 = '2025-01-02T00:00:00.000Z';
      // Inserted out of order so the ordering is the store's, not insertion order.
      await store.create(makeKeyRecord({ hash: 'k-d', createdAt: t2 }));
      await store.create(makeKeyRecord({ hash: 'k-c', createdAt: t1, disabled: true }));
      await store.create(makeKeyRecord({ hash: 'k-b', createdAt: t1 }));
      await store.create(makeKeyRecord({ hash: 'k-a', createdAt: t2 }));
      await store.create(makeKeyRecord({ hash: 'm-a', kind: 'management', createdAt: t1 }));
      const page = (includeDisabled: boolean, offset: number, limit: number) =>
        store.list({ kind: 'inference', includeDisabled, offset, limit }).then((keys) => keys.map((k) => k.hash));

      assert.deepEqual(await page(false, 0, 100), ['k-b', 'k-a', 'k-d']);
      assert.deepEqual(await page(true, 0, 100), ['k-b', 'k-c', 'k-a', 'k-d']);
      assert.deepEqual(await page(true, 1, 2), ['k-c', 'k-a']);
      assert.deepEqual(await page(true, 4, 10), []);
      assert.deepEqual(await page(false, 0, 0), []);
      const management = await store.list({ kind: 'management', includeDisabled: false, offset: 0, limit: 10 });
      assert.deepEqual(management, [makeKeyRecord({ hash: 'm-a', kind: 'management', createdAt: t1 })]);
    });

    it('update applies only the given fields, sets updatedAt and returns the record', async () => {
      const store = await fresh();
      const original = makeKeyRecord();
      await store.create(original);
      const updatedAt = '2025-04-01T12:00:00.000Z';
      const updated = await store.update(original.hash, { name: 'renamed', disabled: true }, updatedAt);
      const expected = { ...original, name: 'renamed', disabled: true, updatedAt };
      assert.deepEqual(updated, expected);
      assert.deepEqual(await store.findByHash(original.hash), expected);
    });

    it('update can clear nullable fields and set every patchable field', async () => {
      const store = await fresh();
      const original = makeKeyRecord();
      await store.create(original);
      const patch = {
        name: 'n2',
        disabled: true,
        limit: null,
        limitReset: null,
        includeByokInLimit: false,
        expiresAt: null,
      };
      const updated = await store.update(original.hash, patch, '2025-04-02T00:00:00.000Z');
      assert.deepEqual(updated, { ...original, ...patch, updatedAt: '2025-04-02T00:00:00.000Z' });
      const again = await store.update(original.hash, { limit: '3', limitReset: 'weekly' }, '2025-04-03T00:00:00.000Z');
      assert.equal(again?.limit, '3');
      assert.equal(again?.limitReset, 'weekly');
      assert.equal(again?.name, 'n2');
    });

    it('update with an empty patch only sets updatedAt', async () => {
      const store = await fresh();
      const original = makeKeyRecord();
      await store.create(original);
      const updated = await store.update(original.hash, {}, '2025-05-01T00:00:00.000Z');
      assert.deepEqual(updated, { ...original, updatedAt: '2025-05-01T00:00:00.000Z' });
    });

    it('update of an unknown hash returns undefined and creates nothing', async () => {
      const store = await fresh();
      assert.equal(await store.update('nope', { name: 'x' }, '2025-05-01T00:00:00.000Z'), undefined);
      assert.deepEqual(await store.listAll(), []);
    });

    it('delete returns true once, then false, and the key is gone', async () => {
      const store = await fresh();
      await store.create(makeKeyRecord());
      await store.create(makeKeyRecord({ hash: 'other' }));
      assert.equal(await store.delete('a'.repeat(64)), true);
      assert.equal(await store.delete('a'.repeat(64)), false);
      assert.equal(await store.findByHash('a'.repeat(64)), undefined);
      assert.deepEqual((await store.listAll()).map((key) => key.hash), ['other']);
    });
  });
}
