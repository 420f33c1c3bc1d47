import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../config/load-config.js';
import { resolveProviders } from '../../providers/resolve-providers.js';
import { buildCatalogModel } from './build-catalog-model.js';
import type { CatalogEndpoint, CatalogModel } from './catalog-types.js';
import { resolveCatalog } from './resolve-catalog.js';

function endpoint(provider: string, model: string, prompt = '0.000001'): CatalogEndpoint {
  return {
    provider,
    model,
    context_length: 128_000,
    max_completion_tokens: 16_384,
    pricing: { prompt, completion: '0.000004' },
    quantization: null,
    supported_parameters: ['tools', 'temperature'],
  };
}

function builtinModel(id: string, endpoints: CatalogEndpoint[]): CatalogModel {
  return {
    id,
    canonical_slug: `${id}-2024`,
    name: `Built-in ${id}`,
    created: 1_700_000_000,
    description: 'built-in description',
    hugging_face_id: null,
    context_length: 128_000,
    architecture: { modality: 'text+image->text', input_modalities: ['text', 'image'], output_modalities: ['text'], tokenizer: 'GPT', instruct_type: null },
    pricing: endpoints[0]!.pricing,
    top_provider: { context_length: 128_000, max_completion_tokens: 16_384, is_moderated: true },
    supported_parameters: ['tools', 'temperature'],
    reasoning: null,
    knowledge_cutoff: '2024-10-01',
    endpoints,
  };
}

const BUILTIN = [
  builtinModel('openai/gpt-4o-mini', [endpoint('openai', 'gpt-4o-mini'), endpoint('openrouter', 'openai/gpt-4o-mini'), endpoint('groq', 'gpt-4o-mini-groq')]),
  builtinModel('mistralai/mistral-small', [endpoint('mistral', 'mistral-small-latest')]),
  builtinModel('meta-llama/llama-3.1-8b-instruct', [endpoint('groq', 'llama-3.1-8b-instant'), endpoint('together', 'meta-llama/Llama-3.1-8B')]),
];

function setup(inline: Record<string, unknown>, env: NodeJS.ProcessEnv) {
  const config = loadConfig({ argv: [], env: {}, inline });
  const providers = resolveProviders(config, env);
  return { config, providers, catalog: () => resolveCatalog({ builtin: BUILTIN, discovered: [], config, providers }) };
}

describe('resolveCatalog', () => {
  it('binds endpoints to enabled providers only and parses prices', () => {
    const { catalog } = setup({}, { OPENAI_API_KEY: 'k', GROQ_API_KEY: 'g' });
    const resolved = catalog();
    const mini = resolved.models.get('openai/gpt-4o-mini');
    assert.deepEqual(mini?.endpoints.map((e) => [e.provider.id, e.upstreamModel]), [['openai', 'gpt-4o-mini'], ['groq', 'gpt-4o-mini-groq']]);
    assert.equal(mini?.endpoints[0]?.prices.prompt, 1_000_000n);
    assert.equal(mini?.endpoints[0]?.prices.completion, 4_000_000n);
  });

  it('does not list a model without any enabled endpoint', () => {
    const resolved = setup({}, { OPENAI_API_KEY: 'k', GROQ_API_KEY: 'g' }).catalog();
    assert.equal(resolved.models.has('mistralai/mistral-small'), false);
    assert.deepEqual(resolved.list.map((m) => m.model.id), ['meta-llama/llama-3.1-8b-instruct', 'openai/gpt-4o-mini']);
  });

  it('hands the providers map through', () => {
    const { providers, catalog } = setup({}, { OPENAI_API_KEY: 'k' });
    assert.equal(catalog().providers, providers);
  });

  it('a config model over a built-in one replaces the same-provider endpoint and keeps the others', () => {
    const { catalog } = setup(
      {
        models: [
          {
            id: 'openai/gpt-4o-mini',
            name: 'Mini (ours)',
            endpoints: [{ provider: 'openai', model: 'gpt-4o-mini-2024-07-18', pricing: { prompt: '0.0000002', completion: 0.0000008 } }],
          },
        ],
      },
      { OPENAI_API_KEY: 'k', OPENROUTER_API_KEY: 'or', GROQ_API_KEY: 'g' },
    );
    const mini = catalog().models.get('openai/gpt-4o-mini');
    assert.deepEqual(mini?.endpoints.map((e) => [e.provider.id, e.upstreamModel]), [
      ['openai', 'gpt-4o-mini-2024-07-18'],
      ['openrouter', 'openai/gpt-4o-mini'],
      ['groq', 'gpt-4o-mini-groq'],
    ]);
    assert.equal(mini?.endpoints[0]?.prices.prompt, 200_000n);
    assert.equal(mini?.endpoints[0]?.prices.completion, 800_000n);
    assert.equal(mini?.endpoints[1]?.prices.prompt, 1_000_000n);
    assert.equal(mini?.model.name, 'Mini (ours)');
    assert.equal(mini?.model.description, 'built-in description');
    assert.equal(mini?.model.canonical_slug, 'openai/gpt-4o-mini-2024');
  });

  it('drops config endpoints on disabled providers', () => {
    const { catalog } = setup(
      {
        providers: [{ id: 'acme', base_url: 'https://acme.example/v1', enabled: false }],
        models: [{ id: 'acme/fast-1', endpoints: [{ provider: 'acme', model: 'fast' }, { provider: 'groq', model: 'fast-on-groq' }] }],
      },
      { GROQ_API_KEY: 'g' },
    );
    assert.deepEqual(catalog().models.get('acme/fast-1')?.endpoints.map((e) => e.provider.id), ['groq']);
  });

  it('adds a config-only model on a custom provider, free when unpriced', () => {
    const { catalog } = setup(
      {
        providers: [{ id: 'acme', base_url: 'https://acme.example/v1' }],
        models: [{ id: 'acme/fast-1', context_length: 32_000, endpoints: [{ provider: 'acme', model: 'fast' }] }],
      },
      {},
    );
    const fast = catalog().models.get('acme/fast-1');
    assert.equal(fast?.endpoints[0]?.prices.prompt, 0n);
    assert.equal(fast?.endpoints[0]?.entry.context_length, 32_000);
    assert.equal(fast?.model.name, 'acme/fast-1');
    assert.equal(fast?.model.context_length, 32_000);
  });

  it('drops config endpoints on a built-in preset that is not enabled (its key variable unset)', () => {
    const { catalog } = setup(
      { models: [{ id: 'acme/fast-1', endpoints: [{ provider: 'mistral', model: 'fast' }, { provider: 'groq', model: 'fast-on-groq' }] }] },
      { GROQ_API_KEY: 'g' },
    );
    assert.deepEqual(catalog().models.get('acme/fast-1')?.endpoints.map((e) => e.provider.id), ['groq']);
  });

  it('rejects a config model naming an unknown provider', () => {
    const { catalog } = setup({ models: [{ id: 'acme/fast-1', endpoints: [{ provider: 'nobody', model: 'x' }] }] }, { OPENAI_API_KEY: 'k' });
    assert.throws(catalog, /acme\/fast-1[^]*nobody/);
  });

  it('uses discovered models and lets config override them', () => {
    const config = loadConfig({ argv: [], env: {}, inline: { models: [{ id: 'ollama/llama3', name: 'Llama 3 (local)', endpoints: [{ provider: 'ollama', model: 'llama3:8b' }] }] } });
    const providers = resolveProviders(config, { OLLAMA_BASE_URL: 'http://127.0.0.1:11434/v1' });
    const discovered = [builtinModel('ollama/llama3', [endpoint('ollama', 'llama3:latest', '0')]), builtinModel('ollama/qwen', [endpoint('ollama', 'qwen:7b', '0')])];
    const resolved = resolveCatalog({ builtin: BUILTIN, discovered, config, providers });
    assert.deepEqual(resolved.list.map((m) => m.model.id), ['ollama/llama3', 'ollama/qwen']);
    assert.deepEqual(resolved.models.get('ollama/llama3')?.endpoints.map((e) => e.upstreamModel), ['llama3:8b']);
    assert.equal(resolved.models.get('ollama/llama3')?.model.name, 'Llama 3 (local)');
  });
});

describe('buildCatalogModel', () => {
  const base = BUILTIN[0]!;

  it('inherits endpoint fields of the replaced built-in endpoint when config omits them', () => {
    const model = buildCatalogModel({ id: base.id, endpoints: [{ provider: 'groq', model: 'mini-v2' }] }, base);
    assert.deepEqual(model.endpoints[0], { ...endpoint('groq', 'mini-v2') });
    assert.deepEqual(model.endpoints.map((e) => e.provider), ['groq', 'openai', 'openrouter']);
    assert.deepEqual(model.architecture, base.architecture);
    assert.equal(model.pricing, base.pricing);
  });

  it('builds a whole model from config alone', () => {
    const model = buildCatalogModel(
      { id: 'acme/vision-1', input_modalities: ['text', 'image'], endpoints: [{ provider: 'acme', model: 'v1', max_output: 4096, pricing: { prompt: 1e-6, completion: '2e-6' } }] },
      undefined,
    );
    assert.equal(model.canonical_slug, 'acme/vision-1');
    assert.equal(model.architecture.modality, 'text+image->text');
    assert.deepEqual(model.pricing, { prompt: '0.000001', completion: '2e-6' });
    assert.deepEqual(model.top_provider, { context_length: null, max_completion_tokens: 4096, is_moderated: false });
    assert.ok(model.supported_parameters.includes('tools'));
  });
});
