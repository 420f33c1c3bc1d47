import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/load-config.js';
import { startGateway, type RunningGateway } from '../../src/start-gateway.js';

/**
 * #11 item 5: the data directory is 0700; the SQLite database, its -wal/-shm and the generated
 * admin and master key files are 0600, also when they already existed with looser modes (then a
 * warning names each one). Checked by starting the gateway in a temp dir and stat-ing.
 */
const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

async function start(dataDir: string): Promise<{ gateway: RunningGateway; warnings: Array<{ msg: string; path?: string }> }> {
  const warnings: Array<{ msg: string; path?: string }> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        const entry = JSON.parse(line) as { level: number; msg: string; path?: string };
        if (entry.level === 40) warnings.push(entry);
      }
      done();
    },
  });
  const config = loadConfig({
    argv: [],
    env: {},
    inline: {
      listen: { host: '127.0.0.1', port: 0 },
      database: `sqlite:${join(dataDir, 'switchyard.db')}`,
      data_dir: dataDir,
      detect_local_providers: false,
      shutdown_grace_ms: 1000,
    },
  });
  const gateway = await startGateway({ config, env: {}, logger: pino({ level: 'warn' }, sink) });
  return { gateway, warnings };
}

/** Writes through the public API so the database has committed pages (and its WAL is in use). */
async function createKey(gateway: RunningGateway, dataDir: string): Promise<void> {
  const admin = readFileSync(join(dataDir, 'admin-key'), 'utf8').trim();
  const res = await fetch(`${gateway.url}/api/v1/keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'perm check' }),
  });
  assert.equal(res.status, 201);
}

describe('files the gateway keeps are private to its user', () => {
  const root = mkdtempSync(join(tmpdir(), 'switchyard-perms-'));
  const previousUmask = process.umask(0o022);
  after(() => {
    process.umask(previousUmask);
    rmSync(root, { recursive: true, force: true });
  });

  it('a first start creates the data dir 0700 and the database, -wal, -shm and key files 0600 (umask 022)', async () => {
    const dataDir = join(root, 'fresh', 'data');
    const { gateway, warnings } = await start(dataDir);
    try {
      await createKey(gateway, dataDir);
      assert.equal(mode(dataDir), '700');
      for (const file of ['switchyard.db', 'switchyard.db-wal', 'switchyard.db-shm', 'admin-key', 'master-key']) {
        assert.equal(mode(join(dataDir, file)), '600', file);
      }
      assert.deepEqual(warnings.filter((w) => /tightened/.test(w.msg)), [], 'nothing to tighten on a first start');
    } finally {
      await gateway.stop();
    }
  });

  it('a start on files left open to others tightens each and logs a warning naming it', async () => {
    const dataDir = join(root, 'fresh', 'data');
    chmodSync(dataDir, 0o755);
    for (const file of ['switchyard.db', 'admin-key', 'master-key']) chmodSync(join(dataDir, file), 0o644);
    const { gateway, warnings } = await start(dataDir);
    try {
      await createKey(gateway, dataDir);
      assert.equal(mode(dataDir), '700');
      for (const file of ['switchyard.db', 'switchyard.db-wal', 'switchyard.db-shm', 'admin-key', 'master-key']) {
        assert.equal(mode(join(dataDir, file)), '600', file);
      }
      const named = warnings.filter((w) => /tightened/.test(w.msg)).map((w) => w.path);
      for (const path of [dataDir, join(dataDir, 'switchyard.db'), join(dataDir, 'admin-key'), join(dataDir, 'master-key')]) {
        assert.ok(named.includes(path), `a warning names ${path} (got ${named.join(', ')})`);
      }
    } finally {
      await gateway.stop();
    }
  });
});
