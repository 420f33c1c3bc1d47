import { join } from 'node:path';
import { loadConfig } from '../config/load-config.js';
import { startGateway } from '../start-gateway.js';
import { limitHeapGrowth } from '../limit-heap-growth.js';
import { startOpenAISimulator } from '../../sim/openai/start-openai-simulator.js';
import { startBedrockSimulator } from '../../sim/bedrock/start-bedrock-simulator.js';

/**
 * `npm run demo`: the gateway with the OpenAI simulator standing in for OpenAI, Groq and
 * OpenRouter, so everything can be tried offline. Creates an API key and prints it.
 * Data goes to ./data/demo, apart from a real installation's.
 */
async function runDemo(): Promise<void> {
  const sim = await startOpenAISimulator({ chunkDelayMs: 30 });
  // Amazon Bedrock's catalog models (amazon/nova-micro-v1, …) answer from the Bedrock simulator.
  const bedrock = await startBedrockSimulator({ chunkDelayMs: 30 });
  const dataDir = join(process.env.SWITCHYARD_DATA_DIR ?? './data', 'demo');
  const config = loadConfig({
    inline: {
      database: `sqlite:${join(dataDir, 'switchyard.db')}`,
      data_dir: dataDir,
      detect_local_providers: false,
      providers: [
        { id: 'openai', base_url: sim.url, api_key: 'sk-demo' },
        { id: 'groq', base_url: sim.url, api_key: 'sk-demo' },
        { id: 'openrouter', base_url: sim.url, api_key: 'sk-demo' },
        { id: 'amazon-bedrock', base_url: bedrock.url, api_key: 'demo-bedrock-api-key' },
      ],
      models: [
        {
          id: 'switchyard/echo',
          name: 'Switchyard: Echo (simulator)',
          context_length: 128000,
          endpoints: [{ provider: 'openai', model: 'echo-1', pricing: { prompt: '0.000001', completion: '0.000002' } }],
        },
      ],
    },
  });
  limitHeapGrowth();
  const gateway = await startGateway({ config });
  const response = await fetch(`${gateway.url}/api/v1/keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await readAdminKey(gateway.managementKey.path)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'demo key' }),
  });
  const { key } = (await response.json()) as { key: string };
  process.stdout.write(
    [
      '',
      `Switchyard demo on ${gateway.url} — providers openai, groq and openrouter are the local simulator (${sim.url}),`,
      `amazon-bedrock is the Bedrock simulator (${bedrock.url}; try "amazon/nova-micro-v1").`,
      `API key for this demo: ${key}`,
      gateway.managementKey.path
        ? `Management (admin) key: in ${gateway.managementKey.path} — for /api/v1/keys, /credits, /guardrails, …`
        : 'Management (admin) key: the one in SWITCHYARD_ADMIN_KEY',
      'Try:',
      `  curl -s ${gateway.url}/api/v1/chat/completions -H "Authorization: Bearer ${key}" \\`,
      `    -d '{"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"Hello!"}]}'`,
      `Faults on demand: put [[sim:status=500]], [[sim:delay=2000]] or [[sim:cut_after=2]] in the message.`,
      '',
    ].join('\n'),
  );
  const stop = () =>
    void gateway
      .stop()
      .then(() => Promise.all([sim.close(), bedrock.close()]))
      .then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function readAdminKey(path: string | undefined): Promise<string> {
  if (process.env.SWITCHYARD_ADMIN_KEY) return process.env.SWITCHYARD_ADMIN_KEY;
  const { readFileSync } = await import('node:fs');
  return readFileSync(path as string, 'utf8').trim();
}

runDemo().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
