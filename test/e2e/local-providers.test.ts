import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/load-config.js';
import { startGateway, type RunningGateway } from '../../src/start-gateway.js';
import { startOpenAISimulator } from '../../sim/openai/start-openai-simulator.js';
import type { OpenAISimulator } from '../../sim/openai/openai-sim-types.js';

describe('local providers from the environment', () => {
  let sim: OpenAISimulator;
  let gateway: RunningGateway;
  let dataDir: string;
  const adminKey = 'sk-or-v1-local-provider-test-admin';

  before(async () => {
    sim = await startOpenAISimulator();
    dataDir = mkdtempSync(join(tmpdir(), 'switchyard-local-'));
    const env = { OLLAMA_BASE_URL: sim.url, GROQ_API_KEY: 'gsk-test', PORT: '0', SWITCHYARD_ADMIN_KEY: adminKey, SWITCHYARD_DATA_DIR: dataDir, SWITCHYARD_DATABASE: 'memory:' };
    const config = loadConfig({ argv: [], env, inline: { detect_local_providers: false } });
    gateway = await startGateway({ config, env, logger: pino({ level: 'silent' }) });
  });
  after(async () => {
    await gateway.stop();
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists the models of an Ollama given by OLLAMA_BASE_URL at zero price and serves them', async () => {
    const models = (await (await fetch(`${gateway.url}/api/v1/models`)).json()) as { data: Array<{ id: string; pricing: { prompt: string } }> };
    const local = models.data.filter((model) => model.id.startsWith('ollama/'));
    assert.ok(local.length > 0, 'the simulator’s model list was discovered');
    assert.equal(local[0]?.pricing.prompt, '0');
    const created = await fetch(`${gateway.url}/api/v1/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'local' }),
    });
    const { key } = (await created.json()) as { key: string };
    const response = await fetch(`${gateway.url}/api/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: local[0]?.id, messages: [{ role: 'user', content: 'local hello' }] }),
    });
    const body = (await response.json()) as { provider: string; usage: { cost: number }; choices: Array<{ message: { content: string } }> };
    assert.equal(response.status, 200);
    assert.equal(body.provider, 'Ollama');
    assert.equal(body.usage.cost, 0);
    assert.equal(body.choices[0]?.message.content, 'Echo: local hello');
    assert.equal(stack_last_model(sim), local[0]?.id.slice('ollama/'.length));
  });

  it('detects the local embedding models among them and serves /embeddings at $0', async () => {
    const models = (await (await fetch(`${gateway.url}/api/v1/embeddings/models`)).json()) as { data: Array<{ id: string; architecture: { output_modalities: string[] } }> };
    const local = models.data.find((model) => model.id === 'ollama/text-embedding-3-small');
    assert.deepEqual(local?.architecture.output_modalities, ['embeddings']);
    const created = await fetch(`${gateway.url}/api/v1/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'local-embed' }),
    });
    const { key } = (await created.json()) as { key: string };
    const response = await fetch(`${gateway.url}/api/v1/embeddings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'ollama/text-embedding-3-small', input: ['local', 'vectors'] }),
    });
    const body = (await response.json()) as { provider: string; data: Array<{ embedding: number[] }>; usage: { prompt_tokens: number; cost: number } };
    assert.equal(response.status, 200, JSON.stringify(body));
    assert.equal(body.provider, 'Ollama');
    assert.equal(body.data.length, 2);
    assert.ok(body.usage.prompt_tokens > 0);
    assert.equal(body.usage.cost, 0);
  });

  it('enables a vendor preset from its key variable, with its catalog endpoints', async () => {
    const response = await fetch(`${gateway.url}/api/v1/models/meta-llama/llama-3.3-70b-instruct/endpoints`);
    const body = (await response.json()) as { data: { endpoints: Array<{ tag: string }> } };
    assert.equal(response.status, 200);
    assert.ok(body.data.endpoints.some((endpoint) => endpoint.tag === 'groq'));
    assert.ok(!body.data.endpoints.some((endpoint) => endpoint.tag === 'openai'), 'providers without keys stay off');
  });
});

function stack_last_model(sim: OpenAISimulator): unknown {
  return (sim.requests.at(-1)?.body as { model?: string } | undefined)?.model;
}
