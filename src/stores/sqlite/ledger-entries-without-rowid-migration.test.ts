import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { runSqliteMigrations, SQLITE_MIGRATIONS_DIRECTORY } from './run-sqlite-migrations.js';
import { SqliteLedger } from './sqlite-ledger.js';

describe('migration 0020 (ledger_entries WITHOUT ROWID)', () => {
  it('keeps every entry exactly, and a settled generation stays settled', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-mig-'));
    const raw = new BetterSqlite3(':memory:');
    try {
      for (const file of readdirSync(SQLITE_MIGRATIONS_DIRECTORY)) {
        if (/^\d{4,}_/.test(file) && Number(file.slice(0, 4)) < 20) copyFileSync(new URL(file, SQLITE_MIGRATIONS_DIRECTORY), join(dir, file));
      }
      runSqliteMigrations(raw, { directory: pathToFileURL(`${dir}/`) });
      raw.prepare('INSERT INTO ledger_entries (generation_id, workspace_id, key_hash, amount, byok_amount, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run('gen-old', 'ws', 'key', 2n ** 60n + 1n, 7n, 1_764_000_000_000);
      assert.ok(runSqliteMigrations(raw).includes('0020_ledger_entries_without_rowid.sql'));
      assert.match((raw.prepare("SELECT sql FROM sqlite_master WHERE name = 'ledger_entries'").get() as { sql: string }).sql, /WITHOUT ROWID/);
      const rows = raw.prepare('SELECT * FROM ledger_entries').safeIntegers(true).all();
      assert.deepEqual(rows, [{ generation_id: 'gen-old', workspace_id: 'ws', key_hash: 'key', amount: 2n ** 60n + 1n, byok_amount: 7n, created_at: 1_764_000_000_000n }]);
      const ledger = new SqliteLedger(raw);
      const settle = { workspaceId: 'ws', keyHash: 'key', scopes: ['key:key'], amount: 5n, byokAmount: 0n, now: new Date(), activity: null };
      assert.equal(await ledger.settle({ ...settle, generationId: 'gen-old' }), false, 'already settled before the migration');
      assert.equal(await ledger.settle({ ...settle, generationId: 'gen-new' }), true);
      assert.equal(raw.pragma('integrity_check', { simple: true }), 'ok');
    } finally {
      raw.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
