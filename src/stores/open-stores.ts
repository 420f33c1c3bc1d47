import { openMemoryStores } from './memory/open-memory-stores.js';
import { openSqliteStores } from './sqlite/open-sqlite-stores.js';
import type { StoreSet } from './store-set.js';
import type { OnTightened } from '../core/private-files.js';

/** Opens the stores named by the `database` setting: `sqlite:PATH`, `memory:`. */
export async function openStores(database: string, options: { onTightened?: OnTightened } = {}): Promise<StoreSet> {
  if (database.startsWith('sqlite:')) return openSqliteStores({ path: database.slice('sqlite:'.length), onTightened: options.onTightened });
  if (database === 'memory:' || database.startsWith('memory:')) return openMemoryStores();
  throw new Error(`database: ${database.split(':')[0]} is not supported yet; use sqlite:PATH`);
}
