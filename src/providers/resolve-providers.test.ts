import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../config/load-config.js';
import { BUILTIN_PROVIDER_PRESETS } from '../config/builtin-provider-presets.js';
import { resolveProviders } from './resolve-providers.js';

function resolve(inline: unknown, env: NodeJS.ProcessEnv) {
  return resolveProviders(loadConfig({ argv: [], env: {}, inline }), env);
}

const DEFAULT_TIMEOUTS = { connectMs: 5_000, firstByteMs: 120_000, idleMs: 60_000, totalMs: 600_000 };
const openaiPreset = BUILTIN_PROVIDER_PRESETS.find((preset) => preset.id === 'openai')!;

describe('resolveProviders presets', () => {
  it('enables nothing without keys', () => {
    assert.deepEqual([...resolve({}, {}).keys()], []);
  });

  it('enables a preset only when its key variable is set (and not empty)', () => {
    const providers = resolve({}, { OPENAI_API_KEY: 'sk-test-openai', GROQ_API_KEY: 'gsk_test', MISTRAL_API_KEY: '' });
    assert.deepEqual([...providers.keys()].sort(), ['groq', 'openai']);
    assert.deepEqual(providers.get('openai'), {
      id: 'openai',
      name: 'OpenAI',
      protocol: 'openai',
      baseUrl: 'https://api.openai.com/v1',
      apiKey: 'sk-test-openai',
      headers: {},
      dataPolicy: openaiPreset.dataPolicy,
      timeouts: DEFAULT_TIMEOUTS,
      local: false,
      nativeBatch: true,
    });
    assert.equal(providers.get('groq')?.baseUrl, 'https://api.groq.com/openai/v1');
    assert.equal(providers.get('groq')?.apiKey, 'gsk_test');
  });

  it('marks the presets with a native batch API; a custom endpoint has none unless its config says so', () => {
    const env = { OPENAI_API_KEY: 'o', ANTHROPIC_API_KEY: 'a', GROQ_API_KEY: 'g' };
    const providers = resolve(
      {
        providers: [
          { id: 'openai', base_url: 'http://127.0.0.1:9/v1' },
          { id: 'my-compat', base_url: 'http://127.0.0.1:9/v1', api_key: 'k' },
          { id: 'my-batcher', base_url: 'http://127.0.0.1:9/v1', api_key: 'k', native_batch: true },
          { id: 'anthropic', native_batch: false },
        ],
      },
      env,
    );
    assert.equal(providers.get('openai')?.nativeBatch, true, 'a moved preset keeps its batch API');
    assert.equal(providers.get('anthropic')?.nativeBatch, undefined, 'config can turn it off');
    assert.equal(providers.get('groq')?.nativeBatch, undefined);
    assert.equal(providers.get('my-compat')?.nativeBatch, undefined);
    assert.equal(providers.get('my-batcher')?.nativeBatch, true);
    assert.equal(resolve({}, { ANTHROPIC_API_KEY: 'a' }).get('anthropic')?.nativeBatch, true);
    assert.equal(resolve({}, { GEMINI_API_KEY: 'g' }).get('google')?.nativeBatch, true, 'Gemini API batch mode');
    assert.equal(resolve({}, { VERTEX_API_KEY: 'v' }).get('google-vertex')?.nativeBatch, undefined, 'Vertex batch prediction needs Cloud Storage or BigQuery');
  });

  it('takes the first set of several key variables', () => {
    assert.equal(resolve({}, { DEEPINFRA_TOKEN: 'token' }).get('deepinfra')?.apiKey, 'token');
    assert.equal(resolve({}, { DEEPINFRA_API_KEY: 'key', DEEPINFRA_TOKEN: 'token' }).get('deepinfra')?.apiKey, 'key');
  });

  it('lets the base URL variable move a remote preset, trailing slash trimmed', () => {
    assert.equal(resolve({}, { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'http://127.0.0.1:9999/v1/' }).get('openai')?.baseUrl, 'http://127.0.0.1:9999/v1');
    assert.equal(resolve({}, { OPENAI_BASE_URL: 'http://127.0.0.1:9999/v1' }).has('openai'), false);
  });

  it('enables local presets only with their base URL variable', () => {
    assert.equal(resolve({}, { OLLAMA_API_KEY: 'x' }).has('ollama'), false);
    const providers = resolve({}, { OLLAMA_BASE_URL: 'http://10.0.0.5:11434/v1/' });
    assert.deepEqual([...providers.keys()], ['ollama']);
    assert.equal(providers.get('ollama')?.baseUrl, 'http://10.0.0.5:11434/v1');
    assert.equal(providers.get('ollama')?.local, true);
    // Local servers get a placeholder bearer (some OpenAI clients insist on one).
    assert.equal(providers.get('ollama')?.apiKey, 'ollama');
    assert.equal(resolve({}, { VLLM_BASE_URL: 'http://h:8000/v1', VLLM_API_KEY: 'v' }).get('vllm')?.apiKey, 'v');
  });

  it('applies default_timeouts from config to presets', () => {
    const providers = resolve({ default_timeouts: { connect_ms: 111, total_ms: 999 } }, { GROQ_API_KEY: 'g' });
    assert.deepEqual(providers.get('groq')?.timeouts, { connectMs: 111, firstByteMs: 120_000, idleMs: 60_000, totalMs: 999 });
  });
});

describe('resolveProviders config entries', () => {
  it('overrides a preset field by field', () => {
    const providers = resolve(
      {
        default_timeouts: { idle_ms: 30_000 },
        providers: [{ id: 'openai', name: 'OpenAI EU', data_policy: { region: 'eu', zdr: true }, timeouts: { connect_ms: 1_000 }, headers: { 'OpenAI-Organization': 'org-1' } }],
      },
      { OPENAI_API_KEY: 'sk-env' },
    );
    assert.deepEqual(providers.get('openai'), {
      id: 'openai',
      name: 'OpenAI EU',
      protocol: 'openai',
      baseUrl: 'https://api.openai.com/v1',
      apiKey: 'sk-env',
      headers: { 'OpenAI-Organization': 'org-1' },
      dataPolicy: { ...openaiPreset.dataPolicy, region: 'eu', zdr: true },
      timeouts: { connectMs: 1_000, firstByteMs: 120_000, idleMs: 30_000, totalMs: 600_000 },
      local: false,
      nativeBatch: true,
    });
  });

  it('enables the azure preset only with key and endpoint; api-version from config, env, else the default', () => {
    assert.equal(resolve({}, { AZURE_OPENAI_API_KEY: 'az-key' }).get('azure'), undefined, 'no endpoint, no provider');
    const azure = resolve({}, { AZURE_OPENAI_API_KEY: 'az-key', AZURE_OPENAI_ENDPOINT: 'https://res.openai.azure.com/' }).get('azure');
    assert.equal(azure?.protocol, 'azure-openai');
    assert.equal(azure?.baseUrl, 'https://res.openai.azure.com');
    assert.equal(azure?.azure?.apiVersion, '2024-10-21');
    const env = { AZURE_OPENAI_API_KEY: 'k', AZURE_OPENAI_ENDPOINT: 'https://r.openai.azure.com', AZURE_OPENAI_API_VERSION: '2025-04-01-preview' };
    assert.equal(resolve({}, env).get('azure')?.azure?.apiVersion, '2025-04-01-preview');
    assert.equal(resolve({ providers: [{ id: 'azure', azure: { api_version: '2024-06-01' } }] }, env).get('azure')?.azure?.apiVersion, '2024-06-01');
  });

  it('a config api_key wins over the preset variable; a preset can be enabled from config alone', () => {
    assert.equal(resolve({ providers: [{ id: 'openai', api_key: 'sk-config' }] }, { OPENAI_API_KEY: 'sk-env' }).get('openai')?.apiKey, 'sk-config');
    const fromConfig = resolve({ providers: [{ id: 'groq', api_key: 'env:MY_GROQ' }] }, { MY_GROQ: 'gsk_mine' }).get('groq');
    assert.equal(fromConfig?.apiKey, 'gsk_mine');
    assert.equal(fromConfig?.baseUrl, 'https://api.groq.com/openai/v1');
    assert.equal(fromConfig?.name, 'Groq');
  });

  it('resolves env:NAME secrets, literal keys stay literal, unset variables give no key', () => {
    const entries = [
      { id: 'acme', base_url: 'https://api.acme.example/v1/', api_key: 'env:ACME_KEY' },
      { id: 'literal', base_url: 'https://l.example/v1', api_key: 'plain-key' },
      { id: 'unset', base_url: 'https://u.example/v1', api_key: 'env:NOT_SET_ANYWHERE' },
    ];
    const providers = resolve({ providers: entries }, { ACME_KEY: 'secret-acme' });
    assert.equal(providers.get('acme')?.apiKey, 'secret-acme');
    assert.equal(providers.get('acme')?.baseUrl, 'https://api.acme.example/v1');
    assert.equal(providers.get('acme')?.name, 'acme');
    assert.equal(providers.get('literal')?.apiKey, 'plain-key');
    assert.equal(providers.get('unset')?.apiKey, undefined);
  });

  it('gives a custom provider the cautious unknown data policy', () => {
    const acme = resolve({ providers: [{ id: 'acme', base_url: 'https://a.example' }] }, {}).get('acme');
    assert.deepEqual(acme?.dataPolicy, { zdr: false, trainsOnData: true, retainsPromptsDays: 30, region: null, moderated: false });
  });

  it('enabled: false removes a preset that its variable enabled', () => {
    const providers = resolve({ providers: [{ id: 'groq', enabled: false }] }, { GROQ_API_KEY: 'g', OPENAI_API_KEY: 'o' });
    assert.deepEqual([...providers.keys()], ['openai']);
  });

  it('rejects a provider without base_url that is not a preset, naming it', () => {
    // Whether loadConfig or resolveProviders catches it, the message must name provider and key.
    assert.throws(() => resolveProviders(loadConfig({ argv: [], env: {}, inline: { providers: [{ id: 'acme' }] } }), {}), /(acme|providers\.0)[^]*base_url|base_url[^]*(acme|providers\.0)/);
  });
});
