import { describeAlertStoreContract } from './contract/alert-store.contract.js';
import { MemoryAlertStore } from './memory/memory-alert-store.js';
import { openSqliteStores } from './sqlite/open-sqlite-stores.js';

describeAlertStoreContract('memory', async () => ({ store: new MemoryAlertStore(), close: async () => {} }));
describeAlertStoreContract('sqlite :memory:', async () => {
  const stores = await openSqliteStores({ path: ':memory:' });
  return { store: stores.alerts, close: () => stores.close() };
});
