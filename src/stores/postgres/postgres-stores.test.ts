import { describe } from 'node:test';
import { postgresStoresPerTest } from '../../../test/support/postgres-stores-per-test.js';
import { describeGenerationStoreContract } from '../contract/generation-store.contract.js';
import { describeKeyStoreContract } from '../contract/key-store.contract.js';
import { describeWorkspaceStoreContract } from '../contract/workspace-store.contract.js';

const { skip, fresh } = postgresStoresPerTest();

describe('PostgreSQL stores: keys, generations, workspaces', { skip }, () => {
  describeKeyStoreContract('postgres', async () => {
    const stores = await fresh();
    return { store: stores.keys, close: () => stores.close() };
  });
  describeGenerationStoreContract('postgres', async () => {
    const stores = await fresh();
    return { store: stores.generations, close: () => stores.close() };
  });
  describeWorkspaceStoreContract('postgres', async () => {
    const stores = await fresh();
    return { store: stores.workspaces, close: () => stores.close() };
  });
});
