/**
 * Applies the numbered SQL files in migrations/sqlite/ that the database has not seen yet.
 * Runs once at start-up, so its synchronous file and database I/O never touches a request.
 */
import { readFileSync, readdirSync } from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';

/** Default location of the SQLite migrations, resolved from this module, not the working directory. */
export const SQLITE_MIGRATIONS_DIRECTORY = new URL('../migrations/sqlite/', import.meta.url);

/** "0001_init.sql": a four-or-more digit version, an underscore, a name. */
const MIGRATION_FILE = /^(\d{4,})_([\w-]+)\.sql$/;

/** One migration file on disk. */
export interface SqliteMigration {
  version: number;
  /** File name, e.g. "0001_init.sql". */
  name: string;
  sql: string;
}

/** Reads and orders the migration files in `directory`; rejects duplicate version numbers. */
export function readSqliteMigrations(directory: URL = SQLITE_MIGRATIONS_DIRECTORY): SqliteMigration[] {
  const migrations: SqliteMigration[] = [];
  for (const file of readdirSync(directory)) {
    const match = MIGRATION_FILE.exec(file);
    if (!match) continue;
    migrations.push({
      version: Number(match[1]),
      name: file,
      sql: readFileSync(new URL(file, directory), 'utf8'),
    });
  }
  migrations.sort((a, b) => a.version - b.version);
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.version === migrations[i - 1]!.version) {
      throw new Error(`Two SQLite migrations share version ${migrations[i]!.version}`);
    }
  }
  return migrations;
}

/**
 * Brings the schema up to date: creates `schema_migrations` if needed, then applies each pending
 * migration in version order, each in its own transaction together with its bookkeeping row, so a
 * failure leaves the database at the last fully applied version. Returns the names applied now.
 */
export function runSqliteMigrations(
  database: BetterSqlite3.Database,
  options: { directory?: URL; now?: () => Date } = {},
): string[] {
  const migrations = readSqliteMigrations(options.directory);
  const now = options.now ?? (() => new Date());
  database.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const isApplied = database.prepare<[number], { version: number }>(
    'SELECT version FROM schema_migrations WHERE version = ?',
  );
  const markApplied = database.prepare<[number, string, string]>(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  );
  const applied: string[] = [];
  for (const migration of migrations) {
    const apply = database.transaction(() => {
      // Checked inside the write transaction: another process opening the same file may have
      // applied it between our listing and our lock.
      if (isApplied.get(migration.version)) return;
      database.exec(migration.sql);
      markApplied.run(migration.version, migration.name, now().toISOString());
      applied.push(migration.name);
    });
    // IMMEDIATE takes the write lock up front, so two starting processes serialise here
    // instead of one failing with SQLITE_BUSY on lock upgrade.
    apply.immediate();
  }
  return applied;
}
