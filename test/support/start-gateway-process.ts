import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitForListening } from './wait-for-listening.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let built = false;

/** One gateway process as shipped (the compiled build), for crash tests. */
export interface GatewayProcess {
  child: ChildProcess;
  /** http://127.0.0.1:PORT */
  url: string;
  /** kill -9, resolved once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (graceful stop), resolved once the process is gone. */
  stop(): Promise<void>;
}

/**
 * Starts `dist/src/main.js` (built once per test process when stale: it starts far faster than
 * through tsx on a loaded machine) with `configPath` and extra environment, silent logs unless
 * TEST_LOG_LEVEL; resolves once it listens. A start failure carries the process's stderr.
 */
export async function startGatewayProcess(configPath: string, env: Record<string, string> = {}): Promise<GatewayProcess> {
  if (!built) execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: ROOT, stdio: 'ignore' });
  built = true;
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: ROOT,
    env: { ...process.env, SWITCHYARD_CONFIG: configPath, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const url = await waitForListening(child, 60_000).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${stderr}`);
  });
  child.stdout!.resume();
  const exit = (signal: NodeJS.Signals) => {
    const gone = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    return gone;
  };
  return { child, url, kill: () => exit('SIGKILL'), stop: () => exit('SIGTERM') };
}

/** Writes a gateway config in `dir` routing model `sim/echo` to the simulator at `simURL`; returns its path. */
export function writeSimGatewayConfig(dir: string, options: { simURL: string; database: string; adminKey: string; extra?: Record<string, unknown> }): string {
  const path = join(dir, 'switchyard.yaml');
  writeFileSync(
    path,
    JSON.stringify({
      listen: { host: '127.0.0.1', port: 0 },
      database: options.database,
      data_dir: dir,
      admin_key: options.adminKey,
      detect_local_providers: false,
      providers: [{ id: 'sim-a', name: 'Sim A', base_url: options.simURL, api_key: 'sk-sim' }],
      models: [{ id: 'sim/echo', endpoints: [{ provider: 'sim-a', model: 'echo-1', pricing: { prompt: '0.000001', completion: '0.000002' } }] }],
      ...options.extra,
    }),
  );
  return path;
}

/** A JSON call to the gateway's API (`path` under /api/v1): GET without a body, POST with one. */
export function callGateway(url: string, key: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${url}/api/v1${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
