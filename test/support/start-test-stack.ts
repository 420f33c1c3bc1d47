import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { loadConfig } from '../../src/config/load-config.js';
import type { SwitchyardConfig } from '../../src/config/config-schema.js';
import { startGateway, type RunningGateway } from '../../src/start-gateway.js';
import { startOpenAISimulator } from '../../sim/openai/start-openai-simulator.js';
import type { OpenAISimulator } from '../../sim/openai/openai-sim-types.js';

export const TEST_ADMIN_KEY = 'sk-or-v1-test-management-key-0000000000000000000000000000';

/** Prices of the test model `sim/echo`, per token. */
export const ECHO_PRICES = { prompt: '0.000001', completion: '0.000002', input_cache_read: '0.0000001' } as const;

export interface TestStack {
  sim: OpenAISimulator;
  gateway: RunningGateway;
  /** The configuration the gateway was started with (to start another one on the same data). */
  config: SwitchyardConfig;
  /** Directory holding the SQLite database and the data files. */
  dataDir: string;
  /** e.g. http://127.0.0.1:PORT/api/v1 */
  baseURL: string;
  /** A fresh inference key. */
  apiKey: string;
  adminKey: string;
  /** Creates another inference key through the management API. */
  createKey(body?: Record<string, unknown>): Promise<{ key: string; data: Record<string, unknown> }>;
  close(): Promise<void>;
}

/**
 * Boots the OpenAI simulator and a real gateway (SQLite in a temp dir, port 0) with two
 * providers on the simulator (`sim-a`, `sim-b`) serving `sim/echo`, plus the `openai`
 * preset pointed at the simulator so built-in catalog models (openai/gpt-4o-mini) work.
 */
export async function startTestStack(
  options: {
    config?: Record<string, unknown> | ((simUrl: string) => Record<string, unknown>);
    logger?: Logger;
    now?: () => Date;
    /** Routing's clock (outage windows, stickiness) and random source. */
    routingNow?: () => number;
    random?: () => number;
    /** More provider entries, appended to the default ones (they may point at the simulator). */
    extraProviders?: (simUrl: string) => Array<Record<string, unknown>>;
  } = {},
): Promise<TestStack> {
  const sim = await startOpenAISimulator();
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-test-'));
  const config = loadConfig({
    argv: [],
    env: {},
    inline: {
      listen: { host: '127.0.0.1', port: 0 },
      database: `sqlite:${join(dataDir, 'switchyard.db')}`,
      data_dir: dataDir,
      admin_key: TEST_ADMIN_KEY,
      detect_local_providers: false,
      stream_keepalive_ms: 100,
      shutdown_grace_ms: 2000,
      default_timeouts: { connect_ms: 1000, first_byte_ms: 3000, idle_ms: 2000, total_ms: 10000 },
      // Deterministic routing for tests of other features: no outage window, no circuit breaker,
      // and (below) a random source of 0, so equal-price endpoints are tried in catalog order.
      // The failover suites turn health back on through `config.routing`.
      routing: { outage_window_ms: 0, circuit_breaker: { enabled: false } },
      providers: [
        { id: 'sim-a', name: 'Sim A', base_url: sim.url, api_key: 'sk-sim-a' },
        { id: 'sim-b', name: 'Sim B', base_url: sim.url, api_key: 'sk-sim-b' },
        { id: 'openai', base_url: sim.url, api_key: 'sk-sim-openai' },
        ...(options.extraProviders?.(sim.url) ?? []),
      ],
      models: [
        {
          id: 'sim/echo',
          name: 'Sim: Echo',
          context_length: 32000,
          endpoints: [
            { provider: 'sim-a', model: 'echo-1', pricing: ECHO_PRICES },
            { provider: 'sim-b', model: 'echo-1', pricing: ECHO_PRICES },
          ],
        },
      ],
      ...(typeof options.config === 'function' ? options.config(sim.url) : options.config),
    },
  });
  const gateway = await startGateway({
    config,
    env: {},
    now: options.now,
    logger: options.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    routingNow: options.routingNow,
    random: options.random ?? (() => 0),
  });
  const baseURL = `${gateway.url}/api/v1`;
  const createKey = async (body: Record<string, unknown> = {}) => {
    const response = await fetch(`${baseURL}/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'test key', ...body }),
    });
    if (response.status !== 201) throw new Error(`creating a key failed: ${response.status} ${await response.text()}`);
    return (await response.json()) as { key: string; data: Record<string, unknown> };
  };
  const { key: apiKey } = await createKey();
  return {
    sim,
    gateway,
    baseURL,
    config,
    dataDir,
    apiKey,
    adminKey: TEST_ADMIN_KEY,
    createKey,
    async close() {
      await gateway.stop();
      await sim.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
