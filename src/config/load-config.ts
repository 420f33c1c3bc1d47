import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { configSchema, type SwitchyardConfig } from './config-schema.js';
import { ConfigError } from './config-error.js';

export interface LoadConfigOptions {
  argv?: string[];
  env?: NodeJS.ProcessEnv;
  /** Inline config (tests, demo); merged under env overrides like a file would be. */
  inline?: unknown;
}

/**
 * Reads the optional YAML file (`--config PATH` or SWITCHYARD_CONFIG), applies environment
 * overrides (PORT, HOST, SWITCHYARD_DATABASE, SWITCHYARD_DATA_DIR, SWITCHYARD_REDIS, SWITCHYARD_WORKERS, SWITCHYARD_ADMIN_KEY,
 * SWITCHYARD_MASTER_KEY) and `--workers N`
 * and validates the result. Errors name the file and the offending key.
 */
export function loadConfig(options: LoadConfigOptions = {}): SwitchyardConfig {
  const env = options.env ?? process.env;
  const path = findConfigPath(options.argv ?? process.argv.slice(2), env);
  let raw: unknown = options.inline ?? {};
  if (path) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new ConfigError(`Cannot read config file ${path}: ${(error as Error).message}`);
    }
    try {
      raw = parseYaml(text) ?? {};
    } catch (error) {
      throw new ConfigError(`Config file ${path} is not valid YAML: ${(error as Error).message}`);
    }
    if (typeof raw !== 'object' || Array.isArray(raw)) {
      throw new ConfigError(`Config file ${path} must hold a YAML mapping at the top level`);
    }
  }
  const merged = applyEnvOverrides(raw as Record<string, unknown>, env);
  const workers = findWorkersArg(options.argv ?? process.argv.slice(2));
  if (workers !== undefined) merged.workers = workers;
  const result = configSchema.safeParse(merged);
  if (!result.success) {
    const where = path ?? 'inline configuration';
    const problems = result.error.issues.map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration in ${where}:\n${problems.join('\n')}`);
  }
  return result.data;
}

function findConfigPath(argv: string[], env: NodeJS.ProcessEnv): string | undefined {
  const index = argv.findIndex((arg) => arg === '--config' || arg.startsWith('--config='));
  if (index >= 0) {
    const arg = argv[index] as string;
    const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[index + 1];
    if (!value) throw new ConfigError('--config needs a file path');
    return value;
  }
  return env.SWITCHYARD_CONFIG || undefined;
}

/** `--workers N` on the command line (overrides SWITCHYARD_WORKERS and the file). */
function findWorkersArg(argv: string[]): number | undefined {
  const index = argv.findIndex((arg) => arg === '--workers' || arg.startsWith('--workers='));
  if (index < 0) return undefined;
  const arg = argv[index] as string;
  const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[index + 1];
  return parseWorkers(value, '--workers');
}

function parseWorkers(value: string | undefined, source: string): number {
  const workers = Number(value);
  if (!value || !Number.isInteger(workers) || workers < 1) throw new ConfigError(`${source} must be a whole number ≥ 1, got ${JSON.stringify(value ?? '')}`);
  return workers;
}

function applyEnvOverrides(raw: Record<string, unknown>, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out: Record<string, unknown> = { ...raw };
  const listen = { ...((raw.listen as Record<string, unknown> | undefined) ?? {}) };
  if (env.PORT) {
    const port = Number(env.PORT);
    if (!Number.isInteger(port)) throw new ConfigError(`PORT must be an integer, got ${JSON.stringify(env.PORT)}`);
    listen.port = port;
  }
  if (env.HOST) listen.host = env.HOST;
  out.listen = listen;
  if (env.SWITCHYARD_DATABASE) out.database = env.SWITCHYARD_DATABASE;
  if (env.SWITCHYARD_DATABASE_POOL_SIZE) {
    const size = Number(env.SWITCHYARD_DATABASE_POOL_SIZE);
    if (!Number.isInteger(size)) throw new ConfigError(`SWITCHYARD_DATABASE_POOL_SIZE must be an integer, got ${JSON.stringify(env.SWITCHYARD_DATABASE_POOL_SIZE)}`);
    out.database_pool_size = size;
  }
  if (env.SWITCHYARD_DATA_DIR) out.data_dir = env.SWITCHYARD_DATA_DIR;
  // The embedded database lives in the data directory unless a database is named: moving the data
  // directory (SWITCHYARD_DATA_DIR, data_dir) moves the database with it.
  if (out.database === undefined && typeof out.data_dir === 'string') out.database = `sqlite:${join(out.data_dir, 'switchyard.db')}`;
  if (env.SWITCHYARD_REDIS) out.redis = env.SWITCHYARD_REDIS;
  // OpenTelemetry's standard variables.
  const otlpEndpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.replace(/\/v1\/traces\/?$/, '') || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (otlpEndpoint || env.OTEL_SERVICE_NAME) {
    out.telemetry = {
      ...((raw.telemetry as Record<string, unknown> | undefined) ?? {}),
      ...(otlpEndpoint ? { otlp_endpoint: otlpEndpoint } : {}),
      ...(env.OTEL_SERVICE_NAME ? { service_name: env.OTEL_SERVICE_NAME } : {}),
    };
  }
  if (env.SWITCHYARD_WORKERS) out.workers = parseWorkers(env.SWITCHYARD_WORKERS, 'SWITCHYARD_WORKERS');
  if (env.SWITCHYARD_ADMIN_KEY) out.admin_key = 'env:SWITCHYARD_ADMIN_KEY';
  if (env.SWITCHYARD_MASTER_KEY) out.master_key = 'env:SWITCHYARD_MASTER_KEY';
  return out;
}
