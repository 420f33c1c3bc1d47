import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { pinSelf, type BenchProcess, type BenchProcessGroup } from './manage-bench-processes.js';

/**
 * - direct: the simulator itself (no proxy)
 * - floor: a bare Node reverse proxy (bench/bare-proxy.ts), the least any Node gateway costs
 * - portkey: Portkey's open-source gateway
 * - switchyard: as shipped (compiled, default log level) with a key that has a spend limit, so
 *   budget reservation and settlement run on every request
 * - switchyard+guardrails: the same gateway, a key with a guardrail running every built-in filter
 */
export type TargetName = 'direct' | 'floor' | 'portkey' | 'switchyard' | 'switchyard+guardrails';
export const TARGET_NAMES: TargetName[] = ['direct', 'floor', 'portkey', 'switchyard', 'switchyard+guardrails'];

/** Where and how to send a chat completion to one target. */
export interface BenchTarget {
  name: TargetName;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  path: string;
  headers: Record<string, string>;
  model: string;
  /** The process doing the work for this target (for CPU accounting). */
  pid: number;
}

export interface BenchTargets {
  targets: BenchTarget[];
  simulator: BenchProcess;
  gateway: BenchProcess;
  portkey: BenchProcess;
  floor: BenchProcess;
  /** Where the processes run: the proxies on `proxies`, simulator and load generator on `load`. */
  pinning: { proxies: string; load: string } | undefined;
  /** Remove the gateway's temporary data directory. */
  cleanup(): Promise<void>;
}

export interface StartTargetsOptions {
  /** Extra node flags for the gateway process, e.g. `--cpu-prof`. */
  gatewayNodeFlags?: string[];
  /** Extra node flags for the bare proxy (the floor), e.g. a preload. */
  floorNodeFlags?: string[];
  /** Pin proxies and load to separate CPUs (default true when there are ≥ 2 and taskset exists). */
  pin?: boolean;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PORTKEY_ENTRY = join(ROOT, 'node_modules/@portkey-ai/gateway/build/start-server.js');
const PORTKEY_PRELOAD = join(ROOT, 'bench/portkey-loopback-preload.cjs');
export const ADMIN_KEY = 'sk-or-v1-bench0admin0000000000000000000000000000000000000000000000';
const START_TIMEOUT_MS = 30_000;

/**
 * Start the OpenAI simulator, Switchyard and Portkey as three child processes
 * on 127.0.0.1 with ephemeral ports, and describe the three ways to reach the
 * simulator: directly, through Switchyard, through Portkey.
 */
export async function startBenchTargets(group: BenchProcessGroup, options: StartTargetsOptions = {}): Promise<BenchTargets> {
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: ROOT, stdio: 'inherit' });
  // As in the setup: every proxy on CPU 0, the simulator and the load generator (this process) on CPU 1.
  const pinning = options.pin !== false && availableParallelism() >= 2 && pinSelf('1') ? { proxies: '0', load: '1' } : undefined;
  const simulator = group.spawn({
    name: 'simulator',
    args: ['--import', 'tsx', 'sim/openai/main.ts', '--port', '0', '--host', '127.0.0.1'],
    cwd: ROOT,
    cpus: pinning?.load,
  });
  const simUrl = (await simulator.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+\/v1)/, START_TIMEOUT_MS))[1] as string;

  const dataDir = await mkdtemp(join(tmpdir(), 'switchyard-bench-'));
  const configPath = join(dataDir, 'bench.yaml');
  await writeFile(configPath, renderGatewayConfig(dataDir, simUrl));
  const portkeyPort = await findFreePort();

  // Start both gateways at once: their boot times overlap.
  const gateway = group.spawn({
    name: 'switchyard',
    // As shipped: the compiled build that `npm start` runs, not tsx.
    args: [...(options.gatewayNodeFlags ?? []), 'dist/src/main.js', '--config', configPath],
    cwd: ROOT,
    // The default log level, as shipped (LOG_LEVEL unset).
    env: { LOG_LEVEL: undefined, SWITCHYARD_ADMIN_KEY: ADMIN_KEY, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production' },
    cpus: pinning?.proxies,
  });
  const portkey = group.spawn({
    name: 'portkey',
    args: ['--require', PORTKEY_PRELOAD, PORTKEY_ENTRY, `--port=${portkeyPort}`, '--headless'],
    cwd: ROOT,
    env: { NODE_ENV: 'production' },
    cpus: pinning?.proxies,
  });
  const floor = group.spawn({
    name: 'floor',
    args: [...(options.floorNodeFlags ?? []), '--import', 'tsx', 'bench/bare-proxy.ts', '--upstream', new URL(simUrl).origin, '--port', '0'],
    cwd: ROOT,
    cpus: pinning?.proxies,
  });
  const gatewayOrigin = (await gateway.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/, START_TIMEOUT_MS))[1] as string;
  await waitForHttp(`${gatewayOrigin}/healthz`);
  await portkey.waitFor(/Ready for connections/, START_TIMEOUT_MS);
  const portkeyOrigin = `http://127.0.0.1:${portkeyPort}`;
  const floorOrigin = (await floor.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/, START_TIMEOUT_MS))[1] as string;
  const apiKey = await createInferenceKey(gatewayOrigin, 'bench (capped)');
  const guardedKey = await createInferenceKey(gatewayOrigin, 'bench (capped, guardrails)');
  await assignBuiltinGuardrails(gatewayOrigin, guardedKey);

  const sim = new URL(simUrl);
  const json = { 'content-type': 'application/json' };
  const targets: BenchTarget[] = [
    {
      name: 'direct',
      origin: sim.origin,
      path: `${sim.pathname}/chat/completions`,
      headers: { ...json, authorization: 'Bearer sk-sim' },
      model: 'echo-1',
      pid: simulator.pid,
    },
    {
      name: 'floor',
      origin: floorOrigin,
      path: `${sim.pathname}/chat/completions`,
      headers: { ...json, authorization: 'Bearer sk-sim' },
      model: 'echo-1',
      pid: floor.pid,
    },
    {
      name: 'switchyard',
      origin: gatewayOrigin,
      path: '/api/v1/chat/completions',
      headers: { ...json, authorization: `Bearer ${apiKey}` },
      model: 'bench/echo',
      pid: gateway.pid,
    },
    {
      name: 'switchyard+guardrails',
      origin: gatewayOrigin,
      path: '/api/v1/chat/completions',
      headers: { ...json, authorization: `Bearer ${guardedKey}` },
      model: 'bench/echo',
      pid: gateway.pid,
    },
    {
      name: 'portkey',
      origin: portkeyOrigin,
      path: '/v1/chat/completions',
      headers: {
        ...json,
        authorization: 'Bearer sk-sim',
        'x-portkey-provider': 'openai',
        'x-portkey-custom-host': simUrl,
      },
      model: 'echo-1',
      pid: portkey.pid,
    },
  ];
  return {
    targets,
    simulator,
    gateway,
    portkey,
    floor,
    pinning,
    cleanup: () => rm(dataDir, { recursive: true, force: true }),
  };
}

export function renderGatewayConfig(dataDir: string, simUrl: string): string {
  return [
    `database: "sqlite:${join(dataDir, 'bench.db')}"`,
    `data_dir: "${dataDir}"`,
    'detect_local_providers: false',
    'providers:',
    `  - { id: sim, name: Sim, base_url: "${simUrl}", api_key: sk-sim }`,
    'models:',
    '  - id: bench/echo',
    '    endpoints:',
    '      - { provider: sim, model: echo-1, pricing: { prompt: "0.000001", completion: "0.000002" } }',
    '',
  ].join('\n');
}

/** A key with a spend limit (never reached here) so every request reserves and settles against it. */
export async function createInferenceKey(origin: string, name: string): Promise<string> {
  const body = (await manage(origin, '/api/v1/keys', { name, limit: 1_000_000 })) as { key?: unknown };
  if (typeof body.key !== 'string') throw new Error(`creating the bench key failed: ${JSON.stringify(body)}`);
  return body.key;
}

/** Every built-in content filter (prompt injection + DLP, redact) on the key, output scanning on. */
async function assignBuiltinGuardrails(origin: string, key: string): Promise<void> {
  const slugs = ['regex-prompt-injection', 'email', 'phone', 'ssn', 'credit-card', 'ip-address', 'iban', 'secret'];
  const guardrail = (await manage(origin, '/api/v1/guardrails', {
    name: 'bench built-ins',
    content_filter_builtins: slugs.map((slug) => ({ slug, action: 'redact' })),
  })) as { data: { id: string } };
  const keys = (await (await request(`${origin}/api/v1/keys`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } })).body.json()) as {
    data: { hash: string; name: string }[];
  };
  const hash = keys.data.find((entry) => entry.name === 'bench (capped, guardrails)')?.hash;
  if (!hash) throw new Error(`guarded bench key not listed (key ${key.slice(0, 12)}…)`);
  await manage(origin, `/api/v1/guardrails/${guardrail.data.id}/assignments/keys`, { key_hashes: [hash] });
}

async function manage(origin: string, path: string, payload: unknown): Promise<unknown> {
  const res = await request(`${origin}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  const body = await res.body.json();
  if (res.statusCode >= 300) throw new Error(`POST ${path} failed: ${res.statusCode} ${JSON.stringify(body)}`);
  return body;
}

export async function waitForHttp(url: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    try {
      const res = await request(url);
      await res.body.dump();
      if (res.statusCode === 200) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${START_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Portkey prints the port it was given, not the one it got: pick a free one first. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
