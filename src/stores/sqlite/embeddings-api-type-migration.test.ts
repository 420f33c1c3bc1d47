import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { runSqliteMigrations, SQLITE_MIGRATIONS_DIRECTORY } from './run-sqlite-migrations.js';

const ROW = {
  id: 'gen-1', key_hash: 'k', workspace_id: 'w', model: 'm', provider_name: 'P', upstream_id: null, api_type: 'chat', created_at: 1,
  streamed: 0, cancelled: 0, status: 200, finish_reason: 'stop', native_finish_reason: null, latency_ms: 1.5, generation_time_ms: null,
  prompt_tokens: 3, completion_tokens: 4, reasoning_tokens: 0, cached_tokens: 0, cache_write_tokens: 0, cost_pico: 123456789012345,
  upstream_cost_pico: null, is_byok: 0, external_user: 'u', session_id: null, attempts: '[]', cache_discount_pico: 7, response_cache_source_id: 'gen-0',
};

describe('migration 0011 (api_type embeddings)', () => {
  it('keeps every row, column and index of a database at 0010, and accepts embeddings afterwards', () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-mig-'));
    const raw = new BetterSqlite3(':memory:');
    try {
      for (const file of readdirSync(SQLITE_MIGRATIONS_DIRECTORY)) {
        if (/^\d{4,}_/.test(file) && Number(file.slice(0, 4)) < 11) copyFileSync(new URL(file, SQLITE_MIGRATIONS_DIRECTORY), join(dir, file));
      }
      runSqliteMigrations(raw, { directory: pathToFileURL(`${dir}/`) });
      const columns = Object.keys(ROW);
      const insert = raw.prepare(`INSERT INTO generations (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
      insert.run(ROW);
      assert.throws(() => insert.run({ ...ROW, id: 'gen-2', api_type: 'embeddings' }), /CHECK constraint failed/);
      const before = raw.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'generations' AND name NOT LIKE 'sqlite_%' ORDER BY name").all();
      assert.ok(before.length >= 3);

      // 0011 on its own first: the indexes are checked as 0011 left them (later migrations may drop one, 0019 did).
      copyFileSync(new URL('0011_embeddings_api_type.sql', SQLITE_MIGRATIONS_DIRECTORY), join(dir, '0011_embeddings_api_type.sql'));
      assert.deepEqual(runSqliteMigrations(raw, { directory: pathToFileURL(`${dir}/`) }), ['0011_embeddings_api_type.sql']);
      // Every column survives: a migration before 0011 that adds one to generations must add it to 0011 too.
      // (Columns that later migrations add, such as 0012's batch_id, are not part of ROW.)
      assert.deepEqual(raw.prepare(`SELECT ${columns.join(', ')} FROM generations`).get(), ROW);
      insert.run({ ...ROW, id: 'gen-2', api_type: 'embeddings' });
      assert.throws(() => insert.run({ ...ROW, id: 'gen-3', api_type: 'images' }), /CHECK constraint failed/);
      const indexes = () => raw.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'generations' AND name NOT LIKE 'sqlite_%' ORDER BY name").all();
      // Every index that existed before 0011 is rebuilt as it was.
      const after = indexes() as typeof before;
      assert.deepEqual(after.filter((index) => before.some((old) => JSON.stringify(old) === JSON.stringify(index))), before, 'every index on generations is rebuilt');
      assert.deepEqual(runSqliteMigrations(raw), migrationsAfter11());
      assert.deepEqual(raw.prepare(`SELECT ${columns.join(', ')} FROM generations WHERE id = ?`).get(ROW.id), ROW);
      assert.equal((raw.pragma('integrity_check', { simple: true }) as string), 'ok');
    } finally {
      raw.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Migrations numbered after 0011 that other changes added (applied too, in order). */
function migrationsAfter11(): string[] {
  return readdirSync(SQLITE_MIGRATIONS_DIRECTORY).filter((file) => /^\d{4,}_/.test(file) && Number(file.slice(0, 4)) > 11).sort();
}
