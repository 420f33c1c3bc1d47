import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/load-config.js';
import { startGateway, type RunningGateway } from '../../src/start-gateway.js';
import { startAnthropicSimulator } from '../../sim/anthropic/start-anthropic-simulator.js';
import type { AnthropicSimulator } from '../../sim/anthropic/anthropic-sim-types.js';
import { TEST_ADMIN_KEY } from './start-test-stack.js';

/** Prices of the test model `anthropic/claude-sim` (Claude Sonnet's), per token. */
export const CLAUDE_SIM_PRICES = {
  prompt: '0.000003',
  completion: '0.000015',
  input_cache_read: '0.0000003',
  input_cache_write: '0.00000375',
} as const;

export interface AnthropicStack {
  sim: AnthropicSimulator;
  gateway: RunningGateway;
  /** e.g. http://127.0.0.1:PORT/api/v1 */
  baseURL: string;
  apiKey: string;
  close(): Promise<void>;
}

/**
 * Boots the Anthropic simulator and a real gateway with two Anthropic-protocol providers on
 * it: the `anthropic` preset (so built-in catalog models such as anthropic/claude-sonnet-4.5
 * work) and `anthropic-b`, and a model `anthropic/claude-sim` served by both, in that order,
 * with an output limit of 8192 tokens.
 */
export async function startAnthropicStack(): Promise<AnthropicStack> {
  const sim = await startAnthropicSimulator();
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-anthropic-'));
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
      providers: [
        { id: 'anthropic', base_url: sim.url, api_key: 'sk-ant-sim-a' },
        { id: 'anthropic-b', name: 'Anthropic B', protocol: 'anthropic', base_url: sim.url, api_key: 'sk-ant-sim-b' },
      ],
      models: [
        {
          id: 'anthropic/claude-sim',
          name: 'Anthropic: Claude Sim',
          context_length: 200000,
          endpoints: [
            { provider: 'anthropic', model: 'claude-sonnet-4-5', pricing: CLAUDE_SIM_PRICES, max_output: 8192 },
            { provider: 'anthropic-b', model: 'claude-sonnet-4-5', pricing: CLAUDE_SIM_PRICES, max_output: 8192 },
          ],
        },
      ],
    },
  });
  const gateway = await startGateway({ config, env: {}, logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
  const baseURL = `${gateway.url}/api/v1`;
  const response = await fetch(`${baseURL}/keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'anthropic e2e' }),
  });
  if (response.status !== 201) throw new Error(`creating a key failed: ${response.status} ${await response.text()}`);
  const { key: apiKey } = (await response.json()) as { key: string };
  return {
    sim,
    gateway,
    baseURL,
    apiKey,
    async close() {
      await gateway.stop();
      await sim.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
