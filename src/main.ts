import { ConfigError } from './config/config-error.js';
import { MasterKeyError } from './byok/load-master-key.js';
import cluster from 'node:cluster';
import { loadConfig } from './config/load-config.js';
import { checkWorkerTopology } from './config/check-worker-topology.js';
import { loadManagementKey } from './auth/load-management-key.js';
import { resolveSecret } from './config/resolve-secret.js';
import { runWorkerPool } from './run-worker-pool.js';
import { DatabaseUnavailableError } from './core/errors/gateway-error.js';
import { startGateway, type RunningGateway } from './start-gateway.js';
import { limitHeapGrowth } from './limit-heap-growth.js';
import type { SwitchyardConfig } from './config/config-schema.js';

/**
 * `npm start`: config → gateway → listen; SIGTERM/SIGINT stop it gracefully. With `workers: N`
 * (> 1) this process becomes the primary of N gateway processes sharing the port.
 */
async function main(): Promise<void> {
  limitHeapGrowth();
  let gateway: RunningGateway;
  try {
    const config = loadConfig();
    if (config.workers > 1 && cluster.isPrimary) {
      startPool(config);
      return;
    }
    gateway = await startGateway({ config });
  } catch (error) {
    if (error instanceof ConfigError || error instanceof MasterKeyError) {
      console.error(error.message);
      process.exit(2);
    }
    if (error instanceof DatabaseUnavailableError) {
      console.error(`Switchyard cannot start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  announce(gateway);
  let signals = 0;
  const onSignal = (signal: string) => {
    signals += 1;
    if (signals > 1) process.exit(1);
    gateway.logger.info({ signal }, 'Stopping: finishing in-flight requests');
    gateway.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        gateway.logger.error({ err: error }, 'Stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
}

/** Refuses a topology that cannot stay exact, makes the shared admin-key file once, then forks. */
function startPool(config: SwitchyardConfig): void {
  const refusal = checkWorkerTopology(config);
  if (refusal) throw new ConfigError(refusal);
  // Created here, before the workers race to create it.
  loadManagementKey({ configured: resolveSecret(config.admin_key, process.env), dataDir: config.data_dir });
  runWorkerPool({ workers: config.workers, log: (line) => process.stdout.write(`${line}\n`) });
}

function announce(gateway: RunningGateway): void {
  // Of a pool, only the first worker prints the banner.
  if (cluster.isWorker && process.env.SWITCHYARD_WORKER_ID !== '1') return;
  const { managementKey, url, catalog } = gateway;
  const pool = cluster.isWorker ? `, ${process.env.SWITCHYARD_WORKERS_TOTAL} worker processes` : '';
  const lines = [`Switchyard listening on ${url}  (OpenAI-compatible base URL: ${url}/api/v1${pool})`];
  if (managementKey.path) {
    lines.push(`Management key ${managementKey.created ? 'created' : 'stored'} in ${managementKey.path}`);
    lines.push(`  create an API key:  curl -s ${url}/api/v1/keys -H "Authorization: Bearer $(cat ${managementKey.path})" -d '{"name":"my key"}'`);
  } else {
    lines.push('Management key: the one given in SWITCHYARD_ADMIN_KEY / admin_key');
  }
  if (catalog.providers.size > 0) {
    lines.push(`${catalog.list.length} models routable through: ${[...catalog.providers.keys()].join(', ')}`);
  } else {
    lines.push(
      'No provider is configured yet, so no model can be served. Add one:',
      '  - set a provider key in the environment, e.g. OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY, GROQ_API_KEY,',
      '    OPENROUTER_API_KEY (README, "Providers", lists them all), or start Ollama / vLLM / llama.cpp locally;',
      '  - or list providers in a config file: npm start -- --config switchyard.yaml',
      '  - or try everything offline first: npm run demo (built-in simulators, no keys needed).',
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
