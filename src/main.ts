import { ConfigError } from './config/config-error.js';
import { MasterKeyError } from './byok/load-master-key.js';
import { loadConfig } from './config/load-config.js';
import { startGateway, type RunningGateway } from './start-gateway.js';

/** `npm start`: config → gateway → listen; SIGTERM/SIGINT stop it gracefully. */
async function main(): Promise<void> {
  let gateway: RunningGateway;
  try {
    gateway = await startGateway({ config: loadConfig() });
  } catch (error) {
    if (error instanceof ConfigError || error instanceof MasterKeyError) {
      console.error(error.message);
      process.exit(2);
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

function announce(gateway: RunningGateway): void {
  const { managementKey, url, catalog } = gateway;
  const lines = [`Switchyard listening on ${url}  (OpenAI-compatible base URL: ${url}/api/v1)`];
  if (managementKey.path) {
    lines.push(`Management key ${managementKey.created ? 'created' : 'stored'} in ${managementKey.path}`);
    lines.push(`  create an API key:  curl -s ${url}/api/v1/keys -H "Authorization: Bearer $(cat ${managementKey.path})" -d '{"name":"my key"}'`);
  } else {
    lines.push('Management key: the one given in SWITCHYARD_ADMIN_KEY / admin_key');
  }
  lines.push(`${catalog.list.length} models routable through: ${[...catalog.providers.keys()].join(', ') || 'no providers yet (set OPENAI_API_KEY, GROQ_API_KEY, … or configure providers)'}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
