import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway redis-server on a random loopback port, without persistence. */
export interface ThrowawayRedis {
  /** redis://127.0.0.1:PORT */
  url: string;
  port: number;
  /** PID of the running server (changes after restart). */
  pid: number;
  /** Kills the server at once (SIGKILL), as a crash or a lost network would. */
  kill(): Promise<void>;
  /** Starts a fresh, empty server on the same port (after kill). */
  restart(): Promise<void>;
  /** Stops the server by PID and removes its directory; safe to call twice. */
  stop(): Promise<void>;
}

const BINARY = 'redis-server';

/**
 * Why the Redis suites cannot run here, or false when they can. Missing `redis-server` skips them
 * with this message, except when SWITCHYARD_REQUIRE_SERVICES=1 (CI), where it throws so the suite
 * fails instead of skipping silently.
 */
export function redisSkipReason(): string | false {
  const found = spawnSync(BINARY, ['--version'], { stdio: 'ignore' });
  if (!found.error && found.status === 0) return false;
  const message = `skipped: ${BINARY} not found on PATH (install Debian's redis-server to run the Redis suites)`;
  if (process.env.SWITCHYARD_REQUIRE_SERVICES === '1') {
    throw new Error(`SWITCHYARD_REQUIRE_SERVICES=1 but ${BINARY} is not installed: the Redis suites cannot run`);
  }
  console.warn(`[redis] ${message}`);
  return message;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts redis-server on 127.0.0.1 with `--save '' --appendonly no`, ready to accept commands. */
export async function startRedis(): Promise<ThrowawayRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-redis-'));
  let port = 0;
  let child: ChildProcess | undefined;
  for (let attempt = 0; attempt < 5 && !child; attempt += 1) {
    port = await freePort();
    child = await launch(port, dir).catch(() => undefined);
  }
  if (!child) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error('redis-server did not start on a free loopback port after 5 attempts');
  }
  let current: ChildProcess = child;
  let stopped = false;
  const handle: ThrowawayRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    get pid() {
      return current.pid as number;
    },
    async kill() {
      await terminate(current, 'SIGKILL');
    },
    async restart() {
      await terminate(current, 'SIGKILL');
      current = await launch(port, dir);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await terminate(current, 'SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return handle;
}

function launch(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
    BINARY,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no', '--loglevel', 'warning'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-2000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-2000)));
  return new Promise<ChildProcess>((resolve, reject) => {
    const deadline = Date.now() + 10_000;
    let exited = false;
    child.once('exit', (code) => {
      exited = true;
      reject(new Error(`redis-server exited with ${code} before accepting connections: ${output}`));
    });
    const poll = () => {
      if (exited) return;
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        reject(new Error(`redis-server did not answer PING within 10 s: ${output}`));
        return;
      }
      ping(port).then(
        (ok) => (ok ? resolve(child) : setTimeout(poll, 25)),
        () => setTimeout(poll, 25),
      );
    };
    poll();
  });
}

/** One inline PING over a raw socket; true when the server answers +PONG. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(false);
    }, 500);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
}

function terminate(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill(signal);
  });
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
