import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readdirSync } from 'node:fs';
import pg from 'pg';
import { postgresStoresPerTest } from '../../../test/support/postgres-stores-per-test.js';
import { makeGenerationRecord } from '../contract/generation-store.contract.js';
import { makeKeyRecord } from '../contract/key-store.contract.js';
import { openPostgresStores } from './open-postgres-stores.js';
import { POSTGRES_MIGRATIONS_DIRECTORY } from './run-postgres-migrations.js';

const { skip, server } = postgresStoresPerTest();

describe('openPostgresStores', { skip }, () => {
  it('ten openers starting together on an empty database migrate once; data survives reopen', async () => {
    const url = await server().createDatabase();
    const openers = await Promise.all(Array.from({ length: 10 }, () => openPostgresStores({ url, poolSize: 2 })));
    try {
      await Promise.all(openers.map((stores) => stores.ping()));
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const rows = (await client.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')).rows;
        // Each migration file applied once, in order (later migrations join the list as they land).
        const files = readdirSync(POSTGRES_MIGRATIONS_DIRECTORY).filter((file) => /^\d{4}_.*\.sql$/.test(file)).sort().map((file) => file.replace(/\.sql$/, ''));
        assert.deepEqual(files.slice(0, 5), ['0001_init', '0002_audit_log', '0003_activity_outcomes', '0004_alerts', '0005_generations_listing']);
        assert.deepEqual(rows.map((row) => row.name), files);
        const defaults = (await client.query<{ id: string }>('SELECT id FROM workspaces')).rows;
        assert.deepEqual(defaults, [{ id: 'default' }], 'the seed rows were inserted once');
      } finally {
        await client.end();
      }
      await openers[0]!.keys.create(makeKeyRecord());
      await openers[3]!.generations.recordMany([makeGenerationRecord()]);
      assert.deepEqual(await openers[7]!.keys.findByHash(makeKeyRecord().hash), makeKeyRecord());
    } finally {
      await Promise.all(openers.map((stores) => stores.close()));
    }
    const again = await openPostgresStores({ url });
    try {
      assert.deepEqual(await again.keys.findByHash(makeKeyRecord().hash), makeKeyRecord());
      const generation = makeGenerationRecord();
      assert.deepEqual(await again.generations.findById(generation.id, generation.workspaceId), generation);
      assert.deepEqual((await again.workspaces.listWorkspaces()).map((w) => w.id), ['default']);
    } finally {
      await again.close();
      await again.close(); // idempotent
    }
  });

  it('rejects quickly with the connection error when the server is unreachable', async () => {
    const started = Date.now();
    await assert.rejects(openPostgresStores({ url: 'postgres://postgres@127.0.0.1:1/none', connectTimeoutMs: 2000 }), /ECONNREFUSED/);
    assert.ok(Date.now() - started < 10_000);
  });
});
