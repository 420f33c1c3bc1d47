import { after, before } from 'node:test';
import { openPostgresStores, type PostgresStoreSet } from '../../src/stores/postgres/open-postgres-stores.js';
import { postgresSkipReason, startPostgres, type ThrowawayPostgres } from './start-postgres.js';

/**
 * For a test file of PostgreSQL store tests: one throwaway server for the file (registered with
 * before/after at the file's top level) and `fresh()`, which opens stores on a new database copied
 * from one migrated once. `skip` is the reason to skip the suites (binaries missing), if any.
 */
export function postgresStoresPerTest(): {
  skip: string | undefined;
  fresh: (options?: { poolSize?: number }) => Promise<PostgresStoreSet>;
  freshUrl: () => Promise<string>;
  server: () => ThrowawayPostgres;
} {
  const skip = postgresSkipReason();
  let server: ThrowawayPostgres | undefined;
  let template = '';
  before(async () => {
    if (skip) return;
    server = await startPostgres();
    template = await server!.createDatabase();
    await (await openPostgresStores({ url: template, poolSize: 1 })).close();
  });
  after(async () => {
    await server?.stop();
  });
  const freshUrl = () => server!.createDatabase(undefined, { template });
  return {
    skip,
    freshUrl,
    fresh: async (options = {}) => openPostgresStores({ url: await freshUrl(), poolSize: options.poolSize ?? 4 }),
    server: () => server!,
  };
}
