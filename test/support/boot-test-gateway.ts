import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { loadConfig } from '../../src/config/load-config.js';
import type { SwitchyardConfig } from '../../src/config/config-schema.js';
import { startGateway, type RunningGateway } from '../../src/start-gateway.js';

export const TEST_ADMIN_KEY = 'sk-or-v1-test-management-key-0000000000000000000000000000';

export interface BootedTestGateway {
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
  /** Stops the gateway, removes the data directory and closes `closeWith`. */
  close(): Promise<void>;
}

/**
 * Boots a real gateway for tests: port 0 on loopback, SQLite in a fresh temp dir, the test
 * admin key, no local-provider detection, short keep-alive, grace and upstream timeouts, then
 * mints one inference key. `inline` (providers, models, anything else) is laid over those
 * defaults; the stacks in this folder put their simulators in it.
 */
export async function bootTestGateway(options: {
  inline: Record<string, unknown>;
  /** Simulators (or anything else) closed after the gateway, or at once if booting fails. */
  closeWith?: Array<{ close(): Promise<void> }>;
  /** Prefix of the temp directory's name. */
  dirPrefix?: string;
  /** Name of the first inference key. */
  keyName?: string;
  logger?: Logger;
  now?: () => Date;
  /** Routing's clock (outage windows, stickiness) and random source. */
  routingNow?: () => number;
  random?: () => number;
}): Promise<BootedTestGateway> {
  const closeOthers = async () => {
    for (const other of options.closeWith ?? []) await other.close();
  };
  const dataDir = mkdtempSync(join(tmpdir(), options.dirPrefix ?? 'switchyard-test-'));
  let gateway: RunningGateway;
  let config: SwitchyardConfig;
  try {
    config = loadConfig({
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
        ...options.inline,
      },
    });
    gateway = await startGateway({
      config,
      env: {},
      now: options.now,
      logger: options.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
      routingNow: options.routingNow,
      random: options.random,
    });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    await closeOthers();
    throw error;
  }
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
  const close = async () => {
    await gateway.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await closeOthers();
  };
  try {
    const { key: apiKey } = await createKey(options.keyName === undefined ? {} : { name: options.keyName });
    return { gateway, config, dataDir, baseURL, apiKey, adminKey: TEST_ADMIN_KEY, createKey, close };
  } catch (error) {
    await close();
    throw error;
  }
}
