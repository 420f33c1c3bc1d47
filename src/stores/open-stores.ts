import { openMemoryStores } from './memory/open-memory-stores.js';
import { openSqliteStores } from './sqlite/open-sqlite-stores.js';
import type { StoreSet } from './store-set.js';
import type { OnTightened } from '../core/private-files.js';

export interface OpenStoresOptions {
  /** PostgreSQL connections in this process's pool (`database_pool_size`). */
  poolSize?: number;
  /** PostgreSQL ledger hold lease (`ledger_hold_lease_ms`). */
  holdLeaseMs?: number;
  /** An idle PostgreSQL connection failed (server gone); the pool reconnects on next use. */
  onPoolError?: (error: Error) => void;
  /** Reports a private SQLite file or directory whose mode had to be tightened. */
  onTightened?: OnTightened;
  /** SQLite: claim the file for this process (the serving gateway; see claimSqliteFile). */
  claimSqliteFile?: boolean;
}

/** Opens the stores named by the `database` setting: `sqlite:PATH`, `postgres://…` / `postgresql://…`, `memory:`. */
export async function openStores(database: string, options: OpenStoresOptions = {}): Promise<StoreSet> {
  if (database.startsWith('sqlite:')) return openSqliteStores({ path: database.slice('sqlite:'.length), onTightened: options.onTightened, claim: options.claimSqliteFile });
  if (database.startsWith('postgres://') || database.startsWith('postgresql://')) {
    // Imported only when configured: a SQLite gateway never loads pg.
    const { openPostgresStores } = await import('./postgres/open-postgres-stores.js');
    return openPostgresStores({ url: database, poolSize: options.poolSize, holdLeaseMs: options.holdLeaseMs, onPoolError: options.onPoolError });
  }
  if (database === 'memory:' || database.startsWith('memory:')) return openMemoryStores();
  throw new Error(`database: ${database.split(':')[0]} is not supported; use sqlite:PATH, postgres://… or memory:`);
}
