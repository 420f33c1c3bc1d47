/**
 * The behaviour every DashboardSessionStore backend must show (memory, SQLite, PostgreSQL).
 * Every case gets a fresh, empty store.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DashboardSessionRecord, DashboardSessionStore } from '../dashboard-session-store.js';
import { openFreshPerTest } from './open-fresh-per-test.js';

export interface OpenedDashboardSessionStore {
  store: DashboardSessionStore;
  close(): Promise<void>;
}

const session = (tokenHash: string, keyHash: string, createdAt: number, expiresAt = createdAt + 1000): DashboardSessionRecord => ({ tokenHash, keyHash, createdAt, expiresAt });

export function describeDashboardSessionStoreContract(name: string, open: () => Promise<OpenedDashboardSessionStore>): void {
  describe(`DashboardSessionStore contract: ${name}`, () => {
    const fresh = openFreshPerTest(open, (opened) => opened.store);

    it('finds an open session until it expires, and not after close', async () => {
      const store = await fresh();
      await store.open(session('t1', 'k1', 1_700_000_000_000), 10);
      assert.deepEqual(await store.find('t1', 1_700_000_000_999), session('t1', 'k1', 1_700_000_000_000));
      assert.equal(await store.find('t1', 1_700_000_001_000), undefined, 'expired at expiresAt');
      assert.equal(await store.find('nope', 1_700_000_000_001), undefined);
      await store.open(session('t2', 'k1', 1_700_000_000_000), 10);
      await store.close('t2');
      assert.equal(await store.find('t2', 1_700_000_000_001), undefined);
    });

    it('keeps at most maxSessions, the oldest going first, and drops expired ones on open', async () => {
      const store = await fresh();
      await store.open(session('a', 'k1', 100), 2);
      await store.open(session('b', 'k2', 200), 2);
      await store.open(session('c', 'k1', 300), 2);
      assert.equal(await store.find('a', 301), undefined, 'the oldest went');
      assert.equal((await store.find('b', 301))?.keyHash, 'k2');
      assert.equal((await store.find('c', 301))?.keyHash, 'k1');
      // At 1250, b (expires 1200) is expired: opening d drops it, and c stays.
      await store.open(session('d', 'k3', 1250), 2);
      assert.equal((await store.find('c', 1260))?.keyHash, 'k1');
      assert.equal((await store.find('d', 1260))?.keyHash, 'k3');
    });

    it('closes every session of one key and no other', async () => {
      const store = await fresh();
      await store.open(session('a', 'k1', 100), 10);
      await store.open(session('b', 'k2', 100), 10);
      await store.open(session('c', 'k1', 100), 10);
      await store.closeAllFor('k1');
      assert.equal(await store.find('a', 101), undefined);
      assert.equal(await store.find('c', 101), undefined);
      assert.equal((await store.find('b', 101))?.keyHash, 'k2');
    });
  });
}
