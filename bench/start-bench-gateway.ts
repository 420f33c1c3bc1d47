import { pino, type Level } from 'pino';
import { request } from 'undici';
import { loadConfig } from '../src/config/load-config.js';
import { startGateway, type RunningGateway } from '../src/start-gateway.js';
import { startOpenAISimulator } from '../sim/openai/start-openai-simulator.js';
import type { OpenAISimulator } from '../sim/openai/openai-sim-types.js';

export interface BenchGateway {
  sim: OpenAISimulator;
  gateway: RunningGateway;
  /** e.g. http://127.0.0.1:PORT/api/v1 */
  api: string;
  /** POSTs to the management API with the admin key; throws unless 2xx. */
  manage(path: string, body: unknown): Promise<Record<string, unknown>>;
  /** Stops the gateway, then the simulator. */
  close(): Promise<void>;
}

/**
 * The in-process rig of the side-by-side benches: an OpenAI simulator with no added latency
 * and a gateway on loopback port 0 whose providers point at it. `database` is `memory:` unless
 * given (with `dataDir` for a SQLite file).
 */
export async function startBenchGateway(options: {
  adminKey: string;
  providers: (simUrl: string) => Array<Record<string, unknown>>;
  models: Array<Record<string, unknown>>;
  database?: string;
  dataDir?: string;
  logLevel?: Level | 'silent';
}): Promise<BenchGateway> {
  const sim = await startOpenAISimulator({ port: 0, latencyMs: 0, chunkDelayMs: 0 });
  const config = loadConfig({
    argv: [],
    env: {},
    inline: {
      listen: { host: '127.0.0.1', port: 0 },
      database: options.database ?? 'memory:',
      ...(options.dataDir === undefined ? {} : { data_dir: options.dataDir }),
      admin_key: options.adminKey,
      detect_local_providers: false,
      providers: options.providers(sim.url),
      models: options.models,
    },
  });
  const gateway = await startGateway({ config, env: {}, logger: pino({ level: options.logLevel ?? 'silent' }) });
  const api = `${gateway.url}/api/v1`;
  return {
    sim,
    gateway,
    api,
    async manage(path, body) {
      const response = await request(`${api}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.adminKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const json = (await response.body.json()) as Record<string, unknown>;
      if (response.statusCode >= 300) throw new Error(`${path}: ${response.statusCode} ${JSON.stringify(json)}`);
      return json;
    },
    async close() {
      await gateway.stop();
      await sim.close();
    },
  };
}

/**
 * Runs `run` `perArm` times per arm, one at a time, after `warmup` unrecorded rounds; each
 * round rotates which arm goes first so none always follows another. Returns samples per arm.
 */
export async function rotateArms<A, S>(options: { arms: readonly A[]; perArm: number; warmup: number; run: (arm: A) => Promise<S> }): Promise<S[][]> {
  const { arms, perArm, warmup, run } = options;
  const out: S[][] = arms.map(() => []);
  for (let i = 0; i < warmup; i += 1) for (const arm of arms) await run(arm);
  for (let i = 0; i < perArm; i += 1) {
    for (let j = 0; j < arms.length; j += 1) {
      const index = (i + j) % arms.length;
      (out[index] as S[]).push(await run(arms[index] as A));
    }
  }
  return out;
}
