import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { postgresSkipReason, startPostgres, type ThrowawayPostgres } from './start-postgres.js';

async function selectOne(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => {});
  await client.connect();
  try {
    const result = await client.query<{ one: number }>('SELECT 1 AS one');
    return result.rows[0]!.one;
  } finally {
    await client.end();
  }
}

describe('throwaway PostgreSQL (test/support/start-postgres.ts)', { skip: postgresSkipReason() }, () => {
  let server: ThrowawayPostgres;
  before(async () => {
    server = (await startPostgres())!;
  });
  after(async () => {
    await server?.stop();
  });

  it('listens on a loopback port and creates fresh databases', async () => {
    assert.match(server.url, /^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
    const a = await server.createDatabase();
    const b = await server.createDatabase();
    assert.notEqual(a, b);
    assert.equal(await selectOne(a), 1);
    assert.equal(await selectOne(b), 1);
  });

  it('can be stopped and started again on the same port (fault tests)', async () => {
    const url = await server.createDatabase();
    const port = server.port;
    await server.stopServer();
    assert.equal(server.pid, undefined);
    await assert.rejects(selectOne(url));
    await server.startServer();
    assert.equal(server.port, port);
    assert.equal(await selectOne(url), 1, 'the database survives the restart');
  });

  it('stop() kills the server by PID and removes its temp dir', async () => {
    const other = (await startPostgres())!;
    const pid = other.pid!;
    const dir = other.dataDir;
    assert.ok(existsSync(dir));
    await other.stop();
    assert.throws(() => process.kill(pid, 0), /ESRCH/);
    assert.equal(existsSync(dir), false);
    await other.stop(); // idempotent
  });
});
