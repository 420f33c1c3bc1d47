import { describe } from 'node:test';
import { postgresStoresPerTest } from '../../../test/support/postgres-stores-per-test.js';
import { describeBatchStoreContract } from '../contract/batch-store.contract.js';

const { skip, fresh } = postgresStoresPerTest();

describe('PostgreSQL stores: batches and files', { skip }, () => {
  describeBatchStoreContract('postgres', async () => {
    const stores = await fresh();
    return { batches: stores.batches, files: stores.files, close: () => stores.close() };
  });
});
