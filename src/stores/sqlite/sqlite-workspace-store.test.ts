import { describeWorkspaceStoreContract } from '../contract/workspace-store.contract.js';
import { openSqliteStores } from './open-sqlite-stores.js';

describeWorkspaceStoreContract('sqlite :memory:', async () => {
  const stores = await openSqliteStores({ path: ':memory:' });
  return { store: stores.workspaces, close: () => stores.close() };
});
