import { openMemoryStores } from './memory/open-memory-stores.js';
import { openSqliteStores } from './sqlite/open-sqlite-stores.js';
import type { StoreSet } from './store-set.js';

/** Opens the stores named by the `database` setting: `sqlite:PATH`, `memory:`. */
export async function openStores(database: string): Promise<StoreSet> {
  if (database.startsWith('sqlite:')) return openSqliteStores({ path: database.slice('sqlite:'.length) });
  if (database === 'memory:' || database.startsWith('memory:')) return openMemoryStores();
  throw new Error(`database: ${database.split(':')[0]} is not supported yet; use sqlite:PATH`);
}
