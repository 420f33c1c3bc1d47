import { describe } from 'node:test';
import { postgresStoresPerTest } from '../../test/support/postgres-stores-per-test.js';
import { describeDashboardSessionStoreContract } from './contract/dashboard-session-store.contract.js';
import { MemoryDashboardSessionStore } from './memory/memory-dashboard-session-store.js';
import { openSqliteStores } from './sqlite/open-sqlite-stores.js';

const postgres = postgresStoresPerTest();

describeDashboardSessionStoreContract('memory', async () => ({ store: new MemoryDashboardSessionStore(), close: async () => {} }));

describeDashboardSessionStoreContract('sqlite', async () => {
  const stores = await openSqliteStores({ path: ':memory:' });
  return { store: stores.dashboardSessions, close: () => stores.close() };
});

describe('PostgreSQL', { skip: postgres.skip }, () => {
  describeDashboardSessionStoreContract('postgres', async () => {
    const stores = await postgres.fresh();
    return { store: stores.dashboardSessions, close: () => stores.close() };
  });
});
