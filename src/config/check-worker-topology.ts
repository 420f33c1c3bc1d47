import type { SwitchyardConfig } from './config-schema.js';

/**
 * Whether the configured stores can keep several processes exact. With `workers` > 1 every
 * process must see the same keys, budgets, rate-limit counters, cache and revocations, so the
 * durable stores must be PostgreSQL (SQLite and memory are one process's state) and the hot
 * state Redis (in-process counters would let each worker spend its own copy of a limit).
 * Returns the reason a combination is refused, or undefined when it is allowed.
 */
export function checkWorkerTopology(config: Pick<SwitchyardConfig, 'workers' | 'database' | 'redis'>): string | undefined {
  if (config.workers <= 1) return undefined;
  const missing: string[] = [];
  if (!/^postgres(ql)?:\/\//.test(config.database)) {
    missing.push(`a shared database: set SWITCHYARD_DATABASE=postgres://… (config \`database\`; now ${describeDatabase(config.database)})`);
  }
  if (!config.redis) {
    missing.push('shared hot state for rate limits, the response cache and revocation: set SWITCHYARD_REDIS=redis://… (config `redis`)');
  }
  if (missing.length === 0) return undefined;
  return [
    `workers: ${config.workers} cannot keep budgets, rate limits, cache and revocation exact across processes without`,
    ...missing.map((line) => `  - ${line}`),
    'or run a single process (workers: 1, the default).',
  ].join('\n');
}

function describeDatabase(database: string): string {
  if (database.startsWith('memory:')) return 'memory: (in-process)';
  if (database.startsWith('sqlite:')) return 'SQLite, one process per file';
  return 'unsupported';
}
