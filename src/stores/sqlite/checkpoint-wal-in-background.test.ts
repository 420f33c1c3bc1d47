import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { BACKSTOP_PAGES, POLL_INTERVAL_MS, checkpointWalInBackground } from './checkpoint-wal-in-background.js';
import { openSqliteStores } from './open-sqlite-stores.js';

/** The WAL file's size in frames: its high-water mark, since a restarted WAL is written over from the start, never shrunk. */
function walFrames(file: string, pageSize: number): number {
  return existsSync(`${file}-wal`) ? Math.max(0, (statSync(`${file}-wal`).size - 32) / (pageSize + 24)) : 0;
}

describe('WAL checkpoints on a worker thread', () => {
  it('keep the WAL bounded under sustained writes, below the serving connection\'s own checkpoint threshold', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-checkpoint-'));
    const file = join(dir, 'wal.db');
    const db = new BetterSqlite3(file);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)');
      const pageSize = Number(db.pragma('page_size', { simple: true }));
      const checkpointer = checkpointWalInBackground(db, file);
      assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), BACKSTOP_PAGES, 'the serving connection checkpoints only as a backstop');
      const insert = db.prepare('INSERT INTO t (payload) VALUES (?)');
      const payload = Buffer.alloc(12_000, 7);
      const rounds = 60;
      const perRound = 100;
      // 6,000 commits of three or more pages each: twice the backstop if nothing checkpointed.
      for (let round = 0; round < rounds; round += 1) {
        for (let i = 0; i < perRound; i += 1) insert.run(payload);
        await sleep(POLL_INTERVAL_MS * 2);
      }
      const written = (rounds * perRound * payload.length) / pageSize;
      assert.ok(written > 2 * BACKSTOP_PAGES, `the test writes ${written} pages`);
      const highWater = walFrames(file, pageSize);
      // The serving connection checkpoints only once a commit leaves BACKSTOP_PAGES frames in the WAL.
      assert.ok(highWater < BACKSTOP_PAGES, `the WAL peaked at ${highWater} frames (backstop ${BACKSTOP_PAGES})`);
      await checkpointer.stop();
      assert.equal((db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n, rounds * perRound);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a gateway store set on a file stops its checkpointer on close, and the serving connection, closing last, removes the WAL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-checkpoint-'));
    const file = join(dir, 'stores.db');
    try {
      const stores = await openSqliteStores({ path: file });
      await stores.ledger.settle({
        generationId: 'g1', workspaceId: 'w', keyHash: 'k', scopes: ['workspace:w'], amount: 5n, byokAmount: 0n, now: new Date(), activity: null,
      });
      assert.ok(existsSync(`${file}-wal`));
      await stores.close();
      assert.equal(existsSync(`${file}-wal`), false, 'the last connection to close checkpoints and deletes the WAL');
      const reopened = await openSqliteStores({ path: file });
      assert.equal((await reopened.ledger.snapshot(['workspace:w'], new Date())).get('workspace:w')!.spend.total, 5n);
      await reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
