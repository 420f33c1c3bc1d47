import { describeBatchStoreContract } from './contract/batch-store.contract.js';
import { openMemoryStores } from './memory/open-memory-stores.js';
import { openSqliteStores } from './sqlite/open-sqlite-stores.js';

describeBatchStoreContract('memory', async () => {
  const stores = await openMemoryStores();
  return { batches: stores.batches, files: stores.files, close: () => stores.close() };
});
describeBatchStoreContract('sqlite :memory:', async () => {
  const stores = await openSqliteStores({ path: ':memory:' });
  return { batches: stores.batches, files: stores.files, close: () => stores.close() };
});
