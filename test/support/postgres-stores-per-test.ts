import { after, before } from 'node:test';
import { sql } from 'kysely';
import { openPostgresStores, type PostgresStoreSet } from '../../src/stores/postgres/open-postgres-stores.js';
import { postgresSkipReason, startPostgres, type ThrowawayPostgres } from './start-postgres.js';

/**
 * For a test file of PostgreSQL store tests: one throwaway server and one migrated store set for
 * the file (registered with before/after at the file's top level). `fresh()` empties every table
 * (and re-seeds the default workspace, as the migration does) and hands out that store set, so a
 * test costs one TRUNCATE rather than a new database; its close() is a no-op. Tests that need
 * store sets of their own (several "nodes") take `freshUrl()`: a new database copied from the
 * migrated one. `skip` is the reason to skip the suites (binaries missing), if any.
 */
export function postgresStoresPerTest(): {
  skip: string | undefined;
  fresh: () => Promise<PostgresStoreSet>;
  freshUrl: () => Promise<string>;
  server: () => ThrowawayPostgres;
} {
  const skip = postgresSkipReason();
  let server: ThrowawayPostgres | undefined;
  let template = '';
  let shared: PostgresStoreSet | undefined;
  before(async () => {
    if (skip) return;
    server = await startPostgres();
    template = await server!.createDatabase();
    await (await openPostgresStores({ url: template, poolSize: 1 })).close();
    shared = await openPostgresStores({ url: await server!.createDatabase(undefined, { template }), poolSize: 4 });
  });
  after(async () => {
    await shared?.close();
    await server?.stop();
  });
  return {
    skip,
    freshUrl: () => server!.createDatabase(undefined, { template }),
    fresh: async () => {
      const stores = shared!;
      await stores.ledger.flushPending();
      const tables = await sql<{ tablename: string }>`
        SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT LIKE 'schema_migrations%'`.execute(stores.db);
      // audit_log refuses TRUNCATE by trigger; a test database may skip triggers (superuser only).
      await stores.db.transaction().execute(async (trx) => {
        await sql`SET LOCAL session_replication_role = replica`.execute(trx);
        await sql`TRUNCATE ${sql.join(tables.rows.map((row) => sql.table(row.tablename)))} RESTART IDENTITY CASCADE`.execute(trx);
      });
      await sql`INSERT INTO workspaces (id, name, created_at) VALUES ('default', 'Default', '2026-01-01T00:00:00.000Z')`.execute(stores.db);
      await sql`INSERT INTO members (id, workspace_id, name, created_at) VALUES ('default:owner', 'default', 'Owner', '2026-01-01T00:00:00.000Z')`.execute(stores.db);
      return { ...stores, close: async () => {} };
    },
    server: () => server!,
  };
}
