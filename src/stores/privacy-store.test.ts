import { describePrivacyStoreContract } from './contract/privacy-store.contract.js';
import { MemoryPrivacyStore } from './memory/memory-privacy-store.js';
import { openSqliteStores } from './sqlite/open-sqlite-stores.js';

describePrivacyStoreContract('memory', async () => ({ store: new MemoryPrivacyStore(), close: async () => {} }));
describePrivacyStoreContract('sqlite :memory:', async () => {
  const stores = await openSqliteStores({ path: ':memory:' });
  return { store: stores.privacy, close: () => stores.close() };
});
