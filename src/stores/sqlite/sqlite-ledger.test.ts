import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describeLedgerContract } from '../contract/ledger.contract.js';
import { runSqliteMigrations } from './run-sqlite-migrations.js';
import type { SqliteDatabase } from './sqlite-database.js';
import { SqliteGenerationStore } from './sqlite-generation-store.js';
import { SqliteLedger } from './sqlite-ledger.js';

describeLedgerContract('sqlite :memory:', async () => {
  const database = new BetterSqlite3(':memory:');
  runSqliteMigrations(database);
  const generations = new SqliteGenerationStore(new Kysely<SqliteDatabase>({ dialect: new SqliteDialect({ database }) }));
  return { ledger: new SqliteLedger(database), generations, close: async () => void database.close() };
});

describe('SqliteLedger: this process holds its reservations in memory', () => {
  const NOW = new Date('2026-11-25T12:00:00Z');
  const scopes = [{ scope: 'key:a', label: 'Key limit', cap: { limitPico: 100n, reset: null, includeByok: false } }];
  const rowCount = (database: BetterSqlite3.Database) => (database.prepare('SELECT count(*) AS n FROM ledger_holds').get() as { n: number }).n;
  const rowHeld = (database: BetterSqlite3.Database) =>
    (database.prepare("SELECT held FROM ledger_accounts WHERE scope = 'key:a'").get() as { held: number } | undefined)?.held ?? 0;

  it('a reservation writes nothing, still counts against the cap, and a restart on the same file holds nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-holds-'));
    const file = join(dir, 'ledger.db');
    try {
      const first = new BetterSqlite3(file);
      runSqliteMigrations(first);
      const ledger = new SqliteLedger(first);
      assert.deepEqual(await ledger.reserve({ generationId: 'g1', scopes, amount: 70n, minimum: 0n, now: NOW }), { ok: true, reserved: 70n });
      assert.equal(rowCount(first), 0, 'no hold row');
      assert.equal(rowHeld(first), 0, 'no held written to the account');
      assert.equal((await ledger.snapshot(['key:a'], NOW)).get('key:a')!.held, 70n);
      assert.equal((await ledger.reserve({ generationId: 'g2', scopes, amount: 50n, minimum: 0n, now: NOW })).ok, false, 'the in-memory hold counts');
      // A durable hold is a row, and its amount is the row's held.
      const durableUntil = new Date(NOW.getTime() + 3_600_000);
      assert.deepEqual(await ledger.reserve({ generationId: 'g3', scopes, amount: 20n, minimum: 0n, now: NOW, durableUntil }), { ok: true, reserved: 20n });
      assert.equal(rowCount(first), 1);
      assert.equal(rowHeld(first), 20);
      // Settling g1 writes the spend and leaves the durable part of held alone.
      const settled = await ledger.settle({ generationId: 'g1', workspaceId: 'ws', keyHash: 'a', scopes: ['key:a'], amount: 30n, byokAmount: 0n, now: NOW, activity: null });
      assert.equal(settled, true);
      assert.equal(rowHeld(first), 20);
      assert.deepEqual((await ledger.holds()).map((hold) => hold.generationId), ['g3']);
      assert.deepEqual(await ledger.reserve({ generationId: 'g4', scopes, amount: 40n, minimum: 0n, now: NOW }), { ok: true, reserved: 40n });
      // The process dies with g4 in flight: the file never knew about it.
      first.close();
      const second = new BetterSqlite3(file);
      const restarted = new SqliteLedger(second);
      const account = (await restarted.snapshot(['key:a'], NOW)).get('key:a')!;
      assert.equal(account.held, 20n, 'only the durable hold survives');
      assert.equal(account.spend.total, 30n);
      assert.deepEqual((await restarted.holds()).map((hold) => hold.generationId), ['g3']);
      second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a reservation under an id that has a durable hold or was settled', async () => {
    const database = new BetterSqlite3(':memory:');
    runSqliteMigrations(database);
    const ledger = new SqliteLedger(database);
    const durableUntil = new Date(NOW.getTime() + 3_600_000);
    assert.equal((await ledger.reserve({ generationId: 'durable', scopes, amount: 10n, minimum: 0n, now: NOW, durableUntil })).ok, true);
    assert.equal(await ledger.settle({ generationId: 'settled', workspaceId: 'ws', keyHash: 'a', scopes: ['key:a'], amount: 1n, byokAmount: 0n, now: NOW, activity: null }), true);
    for (const generationId of ['durable', 'settled']) {
      await assert.rejects(ledger.reserve({ generationId, scopes, amount: 1n, minimum: 0n, now: NOW }), /already has a reservation/, generationId);
    }
    assert.deepEqual(await ledger.reserve({ generationId: 'fresh', scopes, amount: 1n, minimum: 0n, now: NOW }), { ok: true, reserved: 1n });
    database.close();
  });

  it('a batch that fails to commit takes its in-memory holds with it', async () => {
    const database = new BetterSqlite3(':memory:');
    runSqliteMigrations(database);
    const ledger = new SqliteLedger(database);
    // The settlement's ledger entry is refused, so the shared batch rolls back and each operation is retried alone.
    database.exec("CREATE TRIGGER refuse_entries BEFORE INSERT ON ledger_entries BEGIN SELECT RAISE(ABORT, 'refused'); END");
    const reserve = ledger.reserve({ generationId: 'g1', scopes, amount: 60n, minimum: 0n, now: NOW });
    const settle = ledger.settle({ generationId: 'g0', workspaceId: 'ws', keyHash: 'a', scopes: ['key:a'], amount: 1n, byokAmount: 0n, now: NOW, activity: null });
    await assert.rejects(settle, /refused/);
    assert.deepEqual(await reserve, { ok: true, reserved: 60n }, 'retried alone, the reservation goes through');
    assert.equal((await ledger.snapshot(['key:a'], NOW)).get('key:a')!.held, 60n, 'held once, not twice');
    assert.deepEqual((await ledger.holds()).map((hold) => hold.generationId), ['g1']);
    database.close();
  });
});

describe('SqliteLedger: the settlements of one batch share their activity rollup row', () => {
  const NOW = new Date('2026-11-25T12:00:00Z');

  it('writes each day × key × model × provider row once per batch, with exact totals; a duplicate settlement adds nothing', async () => {
    const database = new BetterSqlite3(':memory:');
    runSqliteMigrations(database);
    const ledger = new SqliteLedger(database);
    const settle = (generationId: string, model: string, amount: bigint, outcome: 'completed' | 'cancelled' | 'error', extra: { responseCacheHit?: boolean; cachedTokens?: number; cacheSavings?: bigint } = {}) =>
      ledger.settle({
        generationId, workspaceId: 'ws', keyHash: 'k', scopes: ['key:k'], amount, byokAmount: 1n, now: NOW,
        activity: { model, providerName: 'P', promptTokens: 10, completionTokens: 3, reasoningTokens: 1, outcome, ...extra },
      });
    // One turn of the event loop: one batch.
    const results = await Promise.all([
      settle('g1', 'm1', 2n ** 60n, 'completed', { cachedTokens: 4, cacheSavings: 7n }),
      settle('g2', 'm1', 5n, 'cancelled'),
      settle('g3', 'm2', 11n, 'error'),
      settle('g4', 'm1', 13n, 'completed', { responseCacheHit: true, cacheSavings: 2n }),
      settle('g2', 'm1', 5n, 'cancelled'),
    ]);
    assert.deepEqual(results, [true, true, true, true, false]);
    const rows = await ledger.activity({ from: '2026-11-25', to: '2026-11-25' });
    assert.deepEqual(
      rows.map((row) => [row.model, row.usage, row.byokUsage, row.requests, row.promptTokens, row.completionTokens, row.reasoningTokens, row.cancelledRequests, row.errorRequests, row.cacheHits, row.cachedTokens, row.cacheSavings]),
      [
        ['m1', 2n ** 60n + 18n, 3n, 3, 30, 9, 3, 1, 0, 1, 4, 9n],
        ['m2', 11n, 1n, 1, 10, 3, 1, 0, 1, 0, 0, 0n],
      ],
    );
    // A later batch adds to the same row.
    await settle('g5', 'm1', 1n, 'completed');
    const m1 = (await ledger.activity({ from: '2026-11-25', to: '2026-11-25' })).find((row) => row.model === 'm1')!;
    assert.equal(m1.requests, 4);
    assert.equal(m1.usage, 2n ** 60n + 19n);
    database.close();
  });
});

describe('SqliteLedger: accounts kept in memory stay exact', () => {
  const NOW = new Date('2026-11-25T12:00:00Z');
  const balance = [{ scope: 'workspace:ws', label: 'Balance', cap: 'balance' as const }];
  const grant = (id: string, amount: bigint) => ({ id, workspaceId: 'ws', amount, fee: 0n, note: null, createdAt: NOW.toISOString() });

  it("sees another connection's commit (another process on the file) at its next reservation", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-data-version-'));
    const file = join(dir, 'ledger.db');
    try {
      const gateway = new BetterSqlite3(file);
      gateway.pragma('journal_mode = WAL');
      runSqliteMigrations(gateway);
      const ledger = new SqliteLedger(gateway);
      await ledger.addCredits(grant('c1', 100n));
      assert.equal((await ledger.reserve({ generationId: 'g1', scopes: balance, amount: 150n, minimum: 0n, now: NOW })).ok, false, '100 does not cover 150');
      const other = new BetterSqlite3(file);
      other.prepare("UPDATE ledger_accounts SET credits = credits + 100 WHERE scope = 'workspace:ws'").run();
      assert.deepEqual(await ledger.reserve({ generationId: 'g2', scopes: balance, amount: 150n, minimum: 0n, now: NOW }), { ok: true, reserved: 150n });
      await ledger.settle({ generationId: 'g2', workspaceId: 'ws', keyHash: 'k', scopes: ['workspace:ws'], amount: 150n, byokAmount: 0n, now: NOW, activity: null });
      // The other connection takes credits away again; the next snapshot and reservation see it.
      other.prepare("UPDATE ledger_accounts SET credits = credits - 40 WHERE scope = 'workspace:ws'").run();
      assert.equal((await ledger.snapshot(['workspace:ws'], NOW)).get('workspace:ws')!.credits, 160n);
      assert.deepEqual(await ledger.reserve({ generationId: 'g3', scopes: balance, amount: 20n, minimum: 0n, now: NOW }), { ok: false, blocking: balance[0], available: 10n, held: 0n });
      other.close();
      gateway.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a batch that rolls back leaves no spend behind in memory', async () => {
    const database = new BetterSqlite3(':memory:');
    runSqliteMigrations(database);
    const ledger = new SqliteLedger(database);
    // The account rows are saved last in a batch: key:k is written, then key:bad's row is refused.
    database.exec("CREATE TRIGGER refuse_bad BEFORE INSERT ON ledger_accounts WHEN NEW.scope = 'key:bad' BEGIN SELECT RAISE(ABORT, 'refused'); END");
    const settle = (generationId: string, scope: string) =>
      ledger.settle({ generationId, workspaceId: 'ws', keyHash: 'k', scopes: [scope], amount: 7n, byokAmount: 0n, now: NOW, activity: null });
    // One batch: it rolls back after key:k's row was written with g1's spend; each settlement is then retried alone.
    const [good, bad] = await Promise.allSettled([settle('g1', 'key:k'), settle('g-bad', 'key:bad')]);
    assert.deepEqual(good, { status: 'fulfilled', value: true });
    assert.equal(bad.status, 'rejected');
    assert.equal((await ledger.snapshot(['key:k'], NOW)).get('key:k')!.spend.total, 7n, 'billed once');
    assert.equal(await settle('g2', 'key:k'), true);
    const row = database.prepare("SELECT spend_total FROM ledger_accounts WHERE scope = 'key:k'").get() as { spend_total: number };
    assert.equal(row.spend_total, 14);
    database.close();
  });
});

describe('SqliteLedger: a reservation with nothing queued before it is decided at once', () => {
  const NOW = new Date('2026-11-25T12:00:00Z');
  const scopes = [{ scope: 'key:a', label: 'Key limit', cap: { limitPico: 100n, reset: null, includeByok: false } }];
  const reserve = (ledger: SqliteLedger, generationId: string, amount: bigint) => ledger.reserve({ generationId, scopes, amount, minimum: 0n, now: NOW });
  /** Whether what `call` returns settles before the next setImmediate turn, in which a batch would run. */
  const settlesBeforeNextBatch = async (call: () => Promise<unknown>): Promise<boolean> => {
    let batchTurn = false;
    setImmediate(() => (batchTurn = true));
    await call();
    return !batchTurn;
  };

  it('answers without waiting for a batch once the account is in memory, and its hold counts at once', async () => {
    const database = new BetterSqlite3(':memory:');
    runSqliteMigrations(database);
    const ledger = new SqliteLedger(database);
    // The first use of a scope reads its row inside a batch.
    assert.equal(await settlesBeforeNextBatch(() => reserve(ledger, 'g1', 30n)), false);
    // Right after a batch the ledger counts as busy, and a reservation joins the next one.
    assert.equal(await settlesBeforeNextBatch(() => reserve(ledger, 'g2', 10n)), false);
    await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(await settlesBeforeNextBatch(() => reserve(ledger, 'g2b', 20n)), true);
    assert.deepEqual(await reserve(ledger, 'g3', 50n), { ok: false, blocking: scopes[0], available: 40n, held: 60n });
    await assert.rejects(reserve(ledger, 'g2', 1n), /already has a reservation/);
    database.close();
  });

  it('waits behind a queued settlement and sees it (arrival order), as a batch would', async () => {
    const database = new BetterSqlite3(':memory:');
    runSqliteMigrations(database);
    const ledger = new SqliteLedger(database);
    assert.equal((await reserve(ledger, 'g1', 90n)).ok, true);
    // Settled for less than held: the reservation that follows must see 40 spent and nothing held.
    const settled = ledger.settle({ generationId: 'g1', workspaceId: 'ws', keyHash: 'a', scopes: ['key:a'], amount: 40n, byokAmount: 0n, now: NOW, activity: null });
    const next = reserve(ledger, 'g2', 60n);
    assert.equal(await settled, true);
    assert.deepEqual(await next, { ok: true, reserved: 60n });
    assert.deepEqual(await reserve(ledger, 'g3', 1n), { ok: false, blocking: scopes[0], available: 0n, held: 60n });
    database.close();
  });
});
