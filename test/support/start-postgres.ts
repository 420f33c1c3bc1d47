import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A throwaway PostgreSQL for tests: `initdb` into a temp dir, one `postgres` process on a random
 * loopback port (its unix socket in the temp dir too), trust auth, no durability (fsync off).
 * PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` OS user.
 * `stop()` kills it by PID and removes the temp dir; an exit hook does the same if a test forgets.
 *
 *   const pgServer = await startPostgres();            // undefined → skipped (message printed)
 *   describe('…', { skip: postgresSkipReason() }, …)   // or skip the suite up front
 *   const url = await pgServer.createDatabase();        // fresh database per test
 */
export interface ThrowawayPostgres {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` (the maintenance database). */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** PID of the running postmaster, undefined while paused with `stopServer()`. */
  readonly pid: number | undefined;
  /**
   * Creates a database and returns its URL: empty, or a copy of `template` (a database made here
   * earlier, e.g. one already migrated: copying is much faster than migrating each time).
   */
  createDatabase(name?: string, options?: { template?: string }): Promise<string>;
  /** URL of database `name` on this server. */
  urlFor(name: string): string;
  /** Stops the server (fast shutdown) but keeps the data dir: for "database lost" fault tests. */
  stopServer(): Promise<void>;
  /** Starts it again on the same port and data dir. */
  startServer(): Promise<void>;
  /** Stops the server and removes the temp dir. Idempotent. */
  stop(): Promise<void>;
}

const BIN_DIRS = ['/usr/lib/postgresql'];

/** Directory holding `initdb` and `postgres`: PATH first, then Debian's /usr/lib/postgresql/<newest>/bin. */
export function findPostgresBinDir(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'))) return dir;
  }
  for (const root of BIN_DIRS) {
    let versions: string[];
    try {
      versions = readdirSync(root);
    } catch {
      continue;
    }
    versions.sort((a, b) => Number(b) - Number(a));
    for (const version of versions) {
      const dir = join(root, version, 'bin');
      if (existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'))) return dir;
    }
  }
  return undefined;
}

const requireServices = (): boolean => process.env.SWITCHYARD_REQUIRE_SERVICES === '1';

/**
 * Why PostgreSQL suites must be skipped here, or undefined when they can run. Throws when the binaries
 * are missing but SWITCHYARD_REQUIRE_SERVICES=1 (CI), so a suite can never be skipped silently there.
 */
export function postgresSkipReason(): string | undefined {
  if (findPostgresBinDir()) return undefined;
  const message =
    'PostgreSQL suites skipped: initdb/postgres not found (PATH, /usr/lib/postgresql/*/bin); install Debian package "postgresql"';
  if (requireServices()) throw new Error(`${message} — required because SWITCHYARD_REQUIRE_SERVICES=1`);
  console.warn(message);
  return message;
}

interface RunAs {
  uid: number;
  gid: number;
}

function postgresUser(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error('running as root but there is no "postgres" OS user to run the throwaway PostgreSQL as');
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts a throwaway PostgreSQL, or returns undefined (after printing why) when the binaries are missing. */
export async function startPostgres(): Promise<ThrowawayPostgres | undefined> {
  if (postgresSkipReason()) return undefined;
  const binDir = findPostgresBinDir() as string;
  const runAs = postgresUser();
  const root = mkdtempSync(join(tmpdir(), 'switchyard-pg-'));
  const dataDir = join(root, 'data');
  if (runAs) chownSync(root, runAs.uid, runAs.gid);

  const initdb = spawnSync(
    join(binDir, 'initdb'),
    ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'],
    { encoding: 'utf8', ...(runAs ?? {}) },
  );
  if (initdb.status !== 0) {
    rmSync(root, { recursive: true, force: true });
    throw new Error(`initdb failed (${initdb.status}): ${initdb.stderr || initdb.error?.message}`);
  }

  let port = 0;
  let child: ChildProcess | undefined;
  let stopped = false;

  const launch = async (fixedPort?: number): Promise<void> => {
    for (let attempt = 0; ; attempt++) {
      const candidate = fixedPort ?? (await freePort());
      try {
        child = await spawnPostmaster(binDir, dataDir, root, candidate, runAs);
        port = candidate;
        watchdog = startWatchdog(child.pid as number, root);
        return;
      } catch (error) {
        // Another process may have taken the port between probing and binding: try another one.
        if (fixedPort !== undefined || attempt >= 4) throw error;
      }
    }
  };

  let watchdog: ChildProcess | undefined;
  const kill = async (): Promise<void> => {
    const running = child;
    child = undefined;
    watchdog?.kill('SIGKILL');
    watchdog = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGINT'); // fast shutdown: ends sessions, no waiting for clients
    const timer = setTimeout(() => running.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };

  const onExit = (): void => {
    if (child?.pid && child.exitCode === null) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(root, { recursive: true, force: true });
  };
  process.once('exit', onExit);

  try {
    await launch();
  } catch (error) {
    process.removeListener('exit', onExit);
    rmSync(root, { recursive: true, force: true });
    throw error;
  }

  const urlFor = (name: string): string => `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(name)}`;
  let counter = 0;

  return {
    get url() {
      return urlFor('postgres');
    },
    get port() {
      return port;
    },
    dataDir,
    get pid() {
      return child?.pid;
    },
    urlFor,
    async createDatabase(name?: string, options: { template?: string } = {}): Promise<string> {
      const database = name ?? `t${process.pid}_${Date.now().toString(36)}_${counter++}`;
      const identifier = /^[a-z_][a-z0-9_]*$/;
      if (!identifier.test(database)) throw new Error(`bad test database name: ${database}`);
      const template = options.template ? new URL(options.template).pathname.slice(1) : undefined;
      if (template !== undefined && !identifier.test(template)) throw new Error(`bad template database: ${template}`);
      const client = new pg.Client({ connectionString: urlFor('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${database} TEMPLATE ${template ?? 'template0'} STRATEGY = FILE_COPY`);
      } finally {
        await client.end();
      }
      return urlFor(database);
    },
    stopServer: kill,
    async startServer(): Promise<void> {
      if (stopped) throw new Error('throwaway PostgreSQL was removed');
      if (child) return;
      await launch(port);
    },
    async stop(): Promise<void> {
      if (stopped) return;
      stopped = true;
      await kill();
      process.removeListener('exit', onExit);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * A test process killed outright (SIGKILL, a runner's timeout) runs no exit hook: a tiny detached
 * shell polls this process and, once it is gone, stops the server and removes its temp dir.
 */
function startWatchdog(postgresPid: number, root: string): ChildProcess {
  const script = 'while kill -0 "$0" 2>/dev/null; do sleep 1; done; kill -INT "$1" 2>/dev/null; sleep 3; kill -KILL "$1" 2>/dev/null; rm -rf "$2"';
  const watchdog = spawn('sh', ['-c', script, String(process.pid), String(postgresPid), root], { detached: true, stdio: 'ignore' });
  watchdog.unref();
  return watchdog;
}

/** Spawns `postgres` and resolves once it accepts connections; rejects (and kills it) if it fails or hangs. */
function spawnPostmaster(
  binDir: string,
  dataDir: string,
  socketDir: string,
  port: number,
  runAs: RunAs | undefined,
): Promise<ChildProcess> {
  const args = [
    '-D', dataDir,
    '-p', String(port),
    '-k', socketDir,
    '-c', 'listen_addresses=127.0.0.1',
    '-c', 'fsync=off',
    '-c', 'synchronous_commit=off',
    '-c', 'full_page_writes=off',
    '-c', 'shared_buffers=16MB',
    '-c', 'max_connections=200',
    '-c', 'log_min_messages=warning',
  ];
  const child = spawn(join(binDir, 'postgres'), args, { stdio: ['ignore', 'ignore', 'pipe'], ...(runAs ?? {}) });
  return new Promise<ChildProcess>((resolve, reject) => {
    let log = '';
    const fail = (error: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const timer = setTimeout(() => fail(new Error(`PostgreSQL did not start within 30 s: ${log}`)), 30_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.length > 20_000) log = log.slice(-10_000);
    });
    child.once('error', fail);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`PostgreSQL exited with ${code}: ${log}`));
    });
    void (async () => {
      // log_min_messages=warning hides "ready to accept connections", so poll with a connection.
      while (child.exitCode === null && child.signalCode === null) {
        const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
        client.on('error', () => {});
        try {
          await client.connect();
          await client.end();
          clearTimeout(timer);
          child.removeAllListeners('exit');
          // Do not hold the test process open; stop() (or the exit hook) ends the server.
          child.unref();
          (child.stderr as unknown as { unref?: () => void }).unref?.();
          resolve(child);
          return;
        } catch {
          await client.end().catch(() => {});
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    })();
  });
}
