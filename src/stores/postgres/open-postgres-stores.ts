/**
 * Opens a PostgreSQL database (`postgres://…` / `postgresql://…`) as a StoreSet: a `pg` pool of
 * `poolSize` connections under Kysely's PostgresDialect, migrations applied under an advisory lock,
 * and the ledger's hold upkeep (renew this node's holds, reclaim dead nodes' expired ones) on a timer.
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { StoreSet } from '../store-set.js';
import type { PostgresDatabase } from './postgres-database.js';
import { PostgresAlertStore } from './postgres-alert-store.js';
import { PostgresAuditStore } from './postgres-audit-store.js';
import { PostgresByokKeyStore } from './postgres-byok-key-store.js';
import { PostgresGenerationStore } from './postgres-generation-store.js';
import { PostgresGuardrailStore } from './postgres-guardrail-store.js';
import { PostgresKeyRateLimitStore } from './postgres-key-rate-limit-store.js';
import { PostgresKeyStore } from './postgres-key-store.js';
import { PostgresLedger } from './postgres-ledger.js';
import { PostgresPrivacyStore } from './postgres-privacy-store.js';
import { PostgresWorkspaceStore } from './postgres-workspace-store.js';
import { SqlDashboardSessionStore } from '../sql-dashboard-session-store.js';
import { runPostgresMigrations } from './run-postgres-migrations.js';
import { unavailableAwarePool } from './unavailable-aware-pool.js';
import { KyselyBatchStore } from '../kysely/kysely-batch-store.js';
import { KyselyFileStore } from '../kysely/kysely-file-store.js';
import type { BatchTables } from '../kysely/batch-tables.js';
import { DatabaseUnavailableError } from '../../core/errors/gateway-error.js';

export interface OpenPostgresStoresOptions {
  /** `postgres://user:pass@host:port/db` */
  url: string;
  /** Connections in the pool; default 10. */
  poolSize?: number;
  /** How long opening one connection may take before the server counts as unreachable; default 5000 ms. */
  connectTimeoutMs?: number;
  /** How long a query may wait for a free pooled connection under load; default 30000 ms. */
  checkoutTimeoutMs?: number;
  /** Ledger hold lease (see PostgresLedger); default 60 s. */
  holdLeaseMs?: number;
  /** Called when the pool reports an error on an idle connection (the server went away). */
  onPoolError?: (error: Error) => void;
}

/** The StoreSet plus what only PostgreSQL has. */
export interface PostgresStoreSet extends StoreSet {
  ledger: PostgresLedger;
  /** The underlying Kysely instance (migration command, tests). */
  db: Kysely<PostgresDatabase>;
  /** Stops renewing this node's holds and reclaiming others' (tests simulate a dead node with it). */
  stopUpkeep(): void;
}

export async function openPostgresStores(options: OpenPostgresStoresOptions): Promise<PostgresStoreSet> {
  const connectTimeoutMs = options.connectTimeoutMs ?? 5000;
  // pg-pool uses one timeout for both waiting in its queue and connecting: a busy pool (many
  // requests, few connections) must queue longer than a dead server may take to refuse, so each
  // connection gets its own, shorter connect timeout.
  class TimedClient extends pg.Client {
    constructor(config?: pg.ClientConfig) {
      super({ ...config, connectionTimeoutMillis: connectTimeoutMs });
    }
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.checkoutTimeoutMs ?? 30_000,
    Client: TimedClient,
    // A dead server must not leave a request waiting on a half-open socket forever.
    keepAlive: true,
    idleTimeoutMillis: 30_000,
  });
  // An idle connection dropped by the server emits 'error' on the pool; unhandled it would crash the
  // process. The pool discards that connection and the next checkout connects afresh.
  pool.on('error', (error) => options.onPoolError?.(error));
  const db = new Kysely<PostgresDatabase>({ dialect: new PostgresDialect({ pool: unavailableAwarePool(pool) }) });
  try {
    await sql`SELECT 1`.execute(db);
  } catch (error) {
    await db.destroy().catch(() => {});
    // One line, and never the URL itself: it may carry a password.
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    throw new DatabaseUnavailableError(`cannot reach PostgreSQL at ${describeTarget(options.url)}: ${cause instanceof Error ? cause.message : String(cause)}`, cause);
  }
  try {
    await runPostgresMigrations(db as Kysely<unknown>);
  } catch (error) {
    await db.destroy().catch(() => {});
    throw error;
  }
  const ledger = new PostgresLedger(db, { holdLeaseMs: options.holdLeaseMs });
  const upkeep = setInterval(() => {
    void ledger.renewHolds().catch(() => {});
    void ledger.reclaimExpired().catch(() => {});
  }, Math.max(50, Math.floor(ledger.holdLeaseMs / 3)));
  upkeep.unref();
  const batchDb = db.withTables<BatchTables>() as unknown as Kysely<BatchTables>;
  let closed = false;
  return {
    db,
    keys: new PostgresKeyStore(db),
    generations: new PostgresGenerationStore(db),
    workspaces: new PostgresWorkspaceStore(db),
    ledger,
    keyRateLimits: new PostgresKeyRateLimitStore(db),
    byokKeys: new PostgresByokKeyStore(db),
    privacy: new PostgresPrivacyStore(db),
    guardrails: new PostgresGuardrailStore(db),
    audit: new PostgresAuditStore(db),
    alerts: new PostgresAlertStore(db),
    dashboardSessions: SqlDashboardSessionStore.over(db),
    files: new KyselyFileStore(batchDb),
    batches: new KyselyBatchStore(batchDb),
    stopUpkeep: () => clearInterval(upkeep),
    async ping() {
      await db.selectFrom('schema_migrations' as never).select('name' as never).limit(1).execute();
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(upkeep);
      await ledger.flushPending().catch(() => {});
      // This node's holds go now rather than at lease expiry.
      await ledger.releaseAll().catch(() => {});
      await db.destroy();
    },
  };
}

/** `host:port/database` of a PostgreSQL URL, without user or password. */
export function describeTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${parsed.pathname || '/'}`;
  } catch {
    return '(unparseable database URL)';
  }
}
