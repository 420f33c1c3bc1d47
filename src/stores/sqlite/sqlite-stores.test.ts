import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { describeByokStoresContract } from '../contract/byok-key-store.contract.js';
import { describeGenerationStoreContract, makeGenerationRecord } from '../contract/generation-store.contract.js';
import { describeKeyStoreContract, makeKeyRecord } from '../contract/key-store.contract.js';
import { describeGuardrailStoreContract } from '../contract/guardrail-store.contract.js';
import { describeAuditStoreContract, makeAuditEntry } from '../contract/audit-store.contract.js';
import { readSqliteMigrations, runSqliteMigrations } from './run-sqlite-migrations.js';
import { openSqliteStores } from './open-sqlite-stores.js';

describeKeyStoreContract('sqlite :memory:', async () => {
  const stores = await openSqliteStores({ path: ':memory:' });
  return { store: stores.keys, close: () => stores.close() };
});
describeGenerationStoreContract('sqlite :memory:', async () => {
  const stores = await openSqliteStores({ path: ':memory:' });
  return { store: stores.generations, close: () => stores.close() };
});

describeByokStoresContract('sqlite :memory:', {
  byok: async () => (await openSqliteStores({ path: ':memory:' })).byokKeys,
  rateLimits: async () => (await openSqliteStores({ path: ':memory:' })).keyRateLimits,
});

describeGuardrailStoreContract('sqlite :memory:', async () => {
  const stores = await openSqliteStores({ path: ':memory:' });
  return { store: stores.guardrails, close: () => stores.close() };
});

describeAuditStoreContract('sqlite :memory:', async () => {
  const stores = await openSqliteStores({ path: ':memory:' });
  return { store: stores.audit, close: () => stores.close() };
});

describe('SQLite stores on a file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-sqlite-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the parent directory, uses WAL, and answers ping', async () => {
    const path = join(dir, 'nested', 'deeper', 'switchyard.db');
    const stores = await openSqliteStores({ path });
    await stores.ping();
    await stores.close();
    await stores.close(); // idempotent
    const raw = new BetterSqlite3(path, { readonly: true });
    try {
      assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
    } finally {
      raw.close();
    }
  });

  it('keeps data and applies migrations once across reopen', async () => {
    const path = join(dir, 'reopen.db');
    const first = await openSqliteStores({ path });
    await first.keys.create(makeKeyRecord());
    const generation = makeGenerationRecord();
    await first.generations.recordMany([generation]);
    await first.close();

    const second = await openSqliteStores({ path });
    assert.deepEqual(await second.keys.findByHash(makeKeyRecord().hash), makeKeyRecord());
    assert.deepEqual(await second.generations.findById(generation.id, generation.workspaceId), generation);
    await second.close();

    const raw = new BetterSqlite3(path);
    try {
      const rows = raw.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
      const expected = readSqliteMigrations().map((m) => ({ version: m.version, name: m.name }));
      assert.deepEqual(rows, expected);
      // Running the runner again by hand is a no-op too.
      assert.deepEqual(runSqliteMigrations(raw), []);
    } finally {
      raw.close();
    }
  });

  it('applies only pending migrations, in order, each with its bookkeeping row', () => {
    const raw = new BetterSqlite3(':memory:');
    try {
      assert.deepEqual(runSqliteMigrations(raw), readSqliteMigrations().map((m) => m.name));
      assert.deepEqual(runSqliteMigrations(raw), []);
      const tables = raw
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .all()
        .map((row) => (row as { name: string }).name);
      // Every helper's migration adds tables: check ours are there rather than the exact list.
      for (const table of ['api_keys', 'generations', 'schema_migrations', 'key_rate_limits', 'byok_keys', 'master_key_check']) {
        assert.ok(tables.includes(table), `missing table ${table}`);
      }
      for (const table of ['guardrails', 'guardrail_key_assignments', 'guardrail_member_assignments']) assert.ok(tables.includes(table), table);
    } finally {
      raw.close();
    }
  });

  it('keeps the audit trail append-only: the table refuses UPDATE and DELETE', async () => {
    const path = join(dir, 'audit.db');
    const stores = await openSqliteStores({ path });
    const entry = await stores.audit.append(makeAuditEntry());
    await stores.close();
    const raw = new BetterSqlite3(path);
    try {
      assert.throws(() => raw.prepare('UPDATE audit_log SET action = ? WHERE id = ?').run('forged', entry.id), /append-only/);
      assert.throws(() => raw.prepare('DELETE FROM audit_log').run(), /append-only/);
      assert.equal((raw.prepare('SELECT action FROM audit_log').get() as { action: string }).action, 'key.update');
    } finally {
      raw.close();
    }
  });

  it('rolls back a failing migration and leaves earlier ones applied', () => {
    const migrations = mkdtempSync(join(dir, 'migrations-'));
    const write = (name: string, sql: string) => writeFileSync(join(migrations, name), sql);
    write('0001_a.sql', 'CREATE TABLE a (x INTEGER);');
    write('0002_b.sql', 'CREATE TABLE b (x INTEGER); INSERT INTO missing_table VALUES (1);');
    const directory = pathToFileURL(`${migrations}/`);
    const raw = new BetterSqlite3(':memory:');
    try {
      assert.throws(() => runSqliteMigrations(raw, { directory }), /missing_table/);
      const names = raw.prepare('SELECT name FROM schema_migrations').all();
      assert.deepEqual(names, [{ name: '0001_a.sql' }]);
      const b = raw.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get();
      assert.equal(b, undefined);
    } finally {
      raw.close();
    }
  });
});
