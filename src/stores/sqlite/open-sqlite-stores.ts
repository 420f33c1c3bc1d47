/**
 * Opens the embedded SQLite database (the default `sqlite:./data/switchyard.db`) as a StoreSet.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { ensurePrivateDir, ensurePrivateFile, tightenPrivateFile, type OnTightened } from '../../core/private-files.js';
import { Kysely, SqliteDialect } from 'kysely';
import type { StoreSet } from '../store-set.js';
import { runSqliteMigrations } from './run-sqlite-migrations.js';
import { claimSqliteFile } from './claim-sqlite-file.js';
import { checkpointWalInBackground } from './checkpoint-wal-in-background.js';
import type { SqliteDatabase } from './sqlite-database.js';
import { SqliteByokKeyStore } from './sqlite-byok-key-store.js';
import { SqliteGenerationStore } from './sqlite-generation-store.js';
import { SqliteKeyRateLimitStore } from './sqlite-key-rate-limit-store.js';
import { SqliteKeyStore } from './sqlite-key-store.js';
import { SqliteLedger } from './sqlite-ledger.js';
import { SqliteWorkspaceStore } from './sqlite-workspace-store.js';
import { SqlitePrivacyStore } from './sqlite-privacy-store.js';
import { SqliteGuardrailStore } from './sqlite-guardrail-store.js';
import { SqliteAuditStore } from './sqlite-audit-store.js';
import { SqliteAlertStore } from './sqlite-alert-store.js';
import { SqlDashboardSessionStore } from '../sql-dashboard-session-store.js';
import { KyselyBatchStore } from '../kysely/kysely-batch-store.js';
import { KyselyFileStore } from '../kysely/kysely-file-store.js';
import type { BatchTables } from '../kysely/batch-tables.js';

/** Options of openSqliteStores. */
export interface OpenSqliteStoresOptions {
  /** File path, or ':memory:' for a private in-process database (tests). */
  path: string;
  /** How long a writer waits for another connection's lock before SQLITE_BUSY; default 5000 ms. */
  busyTimeoutMs?: number;
  /** Told about each database file (or created directory) whose mode was looser than 0600/0700 and was tightened. */
  onTightened?: OnTightened;
  /**
   * Claim the file for this process (claimSqliteFile): the gateway does, since its ledger keeps
   * reservations in memory; offline tools and tests that only read or migrate do not.
   */
  claim?: boolean;
}

/**
 * Opens (creating if needed) the database file and its parent directory, applies pending
 * migrations and returns the stores. The database and its -wal/-shm files are 0600 (a missing
 * parent directory is created 0700). Start-up only: this does synchronous file I/O.
 */
export async function openSqliteStores(options: OpenSqliteStoresOptions): Promise<StoreSet> {
  const inMemory = options.path === ':memory:';
  if (!inMemory) {
    // An existing parent (maybe shared, e.g. /var/lib) is not ours to change; a new one is private.
    if (!existsSync(dirname(options.path))) ensurePrivateDir(dirname(options.path));
  }
  const claim = options.claim && !inMemory ? claimSqliteFile(options.path, options.onTightened) : undefined;
  if (!inMemory) {
    // SQLite creates -wal and -shm with the database file's mode, so the file exists 0600 first.
    ensurePrivateFile(options.path, options.onTightened);
    for (const suffix of ['-wal', '-shm', '-journal']) tightenPrivateFile(options.path + suffix, options.onTightened);
  }
  // `timeout` is better-sqlite3's busy_timeout: wait for another connection's lock, then SQLITE_BUSY.
  const database = new BetterSqlite3(options.path, { timeout: options.busyTimeoutMs ?? 5000 });
  try {
    // WAL lets the dashboard read while usage batches are written; it is a no-op for ':memory:'.
    if (!inMemory) database.pragma('journal_mode = WAL');
    // NORMAL is durable across process crashes in WAL mode; only an OS crash can drop the
    // last commits, and it saves an fsync per usage batch.
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    runSqliteMigrations(database);
    if (!inMemory) for (const suffix of ['-wal', '-shm']) tightenPrivateFile(options.path + suffix, options.onTightened);
  } catch (err) {
    database.close();
    claim?.release();
    throw err;
  }
  // WAL checkpoints run on a worker thread, not inside a settlement's commit on the event loop.
  const checkpointer = inMemory ? undefined : checkpointWalInBackground(database, options.path);
  const ledger = new SqliteLedger(database);
  const db = new Kysely<SqliteDatabase>({ dialect: new SqliteDialect({ database }) });
  const keys = new SqliteKeyStore(db);
  const generations = new SqliteGenerationStore(db);
  const batchDb = db.withTables<BatchTables>() as unknown as Kysely<BatchTables>;
  let closed = false;
  return {
    keys,
    generations,
    workspaces: new SqliteWorkspaceStore(db),
    ledger,
    keyRateLimits: new SqliteKeyRateLimitStore(db),
    byokKeys: new SqliteByokKeyStore(db),
    alerts: new SqliteAlertStore(db),
    files: new KyselyFileStore(batchDb),
    batches: new KyselyBatchStore(batchDb),
    privacy: new SqlitePrivacyStore(db),
    guardrails: new SqliteGuardrailStore(db),
    audit: new SqliteAuditStore(db),
    dashboardSessions: SqlDashboardSessionStore.over(db),
    async ping() {
      await db.selectFrom('schema_migrations').select('version').limit(1).execute();
    },
    async close() {
      if (closed) return;
      closed = true;
      await ledger.flushPending();
      // The worker's connection closes first: the serving one, closing last, checkpoints and removes the WAL.
      await checkpointer?.stop();
      // Kysely's SqliteDriver closes the better-sqlite3 handle on destroy, but only if Kysely ever
      // ran a query on it; the ledger alone does not count, so close it here too.
      await db.destroy();
      if (database.open) database.close();
      claim?.release();
    },
  };
}
