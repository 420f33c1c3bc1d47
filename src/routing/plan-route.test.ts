import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolvePrices } from './catalog/resolve-prices.js';
import type { ChatRequest } from '../core/canonical/chat-request.js';
import { GatewayError, InvalidRequestError } from '../core/errors/gateway-error.js';
import type { Provider } from '../core/provider-types.js';
import type { CatalogEndpoint, CatalogModel } from './catalog/catalog-types.js';
import type { ResolvedCatalog, ResolvedModel } from './catalog/resolved-catalog.js';
import { planRoute, type RouteAttempt } from './plan-route.js';

function provider(id: string, name: string): Provider {
  return {
    id,
    name,
    protocol: 'openai',
    baseUrl: `https://${id}.example/v1`,
    apiKey: 'test',
    headers: {},
    dataPolicy: { zdr: false, trainsOnData: false, retainsPromptsDays: 0, region: null, moderated: false },
    timeouts: { connectMs: 1000, firstByteMs: 1000, idleMs: 1000, totalMs: 1000 },
    local: false,
  };
}

const PROVIDERS = new Map<string, Provider>(
  [provider('openai', 'OpenAI'), provider('azure', 'Azure'), provider('groq', 'Groq'), provider('together', 'Together'), provider('deepinfra', 'DeepInfra')].map((p) => [p.id, p]),
);

function model(id: string, providerIds: string[]): ResolvedModel {
  const endpoints: CatalogEndpoint[] = providerIds.map((providerId) => ({
    provider: providerId,
    model: `${providerId}-${id.split('/')[1]}`,
    context_length: 8192,
    max_completion_tokens: null,
    pricing: { prompt: '0.000001', completion: '0.000002' },
    quantization: null,
    supported_parameters: [],
  }));
  const catalogModel = { id, name: id, endpoints } as unknown as CatalogModel;
  return {
    model: catalogModel,
    endpoints: endpoints.map((entry) => ({ provider: PROVIDERS.get(entry.provider) as Provider, upstreamModel: entry.model, prices: resolvePrices(entry.pricing), entry })),
  };
}

const MODELS = [
  model('openai/gpt-4o', ['openai', 'azure']),
  model('meta-llama/llama-3.3-70b-instruct', ['groq', 'together', 'deepinfra']),
  model('anthropic/claude-3.5-sonnet', ['openai']),
];
const CATALOG: ResolvedCatalog = {
  models: new Map(MODELS.map((m) => [m.model.id, m])),
  list: [...MODELS].sort((a, b) => (a.model.id < b.model.id ? -1 : 1)),
  providers: PROVIDERS,
};

const LLAMA = 'meta-llama/llama-3.3-70b-instruct';
const messages = [{ role: 'user' as const, content: 'hi' }];

function plan(request: Partial<ChatRequest>): Array<[string, string]> {
  return planRoute(CATALOG, { messages, ...request }, {}, { random: () => 0 }).map((attempt: RouteAttempt) => [attempt.model.model.id, attempt.endpoint.provider.id]);
}

function rejects(request: Partial<ChatRequest>, check: (error: GatewayError) => void): void {
  assert.throws(
    () => planRoute(CATALOG, { messages, ...request }),
    (error: unknown) => {
      assert.ok(error instanceof GatewayError, String(error));
      check(error);
      return true;
    },
  );
}

describe('planRoute models', () => {
  it('lists every endpoint of the model in catalog order', () => {
    assert.deepEqual(plan({ model: LLAMA }), [[LLAMA, 'groq'], [LLAMA, 'together'], [LLAMA, 'deepinfra']]);
  });

  it('tries model first, then models in order, without duplicates', () => {
    assert.deepEqual(plan({ model: 'openai/gpt-4o', models: ['anthropic/claude-3.5-sonnet', 'openai/gpt-4o', 'anthropic/claude-3.5-sonnet'] }), [
      ['openai/gpt-4o', 'openai'],
      ['openai/gpt-4o', 'azure'],
      ['anthropic/claude-3.5-sonnet', 'openai'],
    ]);
  });

  it('accepts models alone and skips an empty model', () => {
    assert.deepEqual(plan({ model: '', models: ['anthropic/claude-3.5-sonnet'] }), [['anthropic/claude-3.5-sonnet', 'openai']]);
  });

  it('resolves a variant suffix to the base model', () => {
    assert.deepEqual(plan({ model: 'openai/gpt-4o:nitro' }), [['openai/gpt-4o', 'openai'], ['openai/gpt-4o', 'azure']]);
    rejects({ model: `${LLAMA}:free` }, (error) => {
      assert.equal(error.status, 404);
      assert.match(JSON.stringify(error.metadata), /:free \(endpoint is not free\)/);
    });
  });

  it('never plans the same endpoint twice (a model and its variant)', () => {
    assert.deepEqual(plan({ model: 'openai/gpt-4o', models: ['openai/gpt-4o:nitro'] }), [['openai/gpt-4o', 'openai'], ['openai/gpt-4o', 'azure']]);
  });

  it('rejects an unknown model with model_not_found naming it', () => {
    rejects({ model: 'openai/gpt-4o', models: ['acme/nope-1'] }, (error) => {
      assert.ok(error instanceof InvalidRequestError);
      assert.equal(error.code, 'model_not_found');
      assert.equal(error.status, 400);
      assert.match(error.message, /acme\/nope-1/);
      assert.deepEqual((error.metadata?.availability as { requested_models: string[] }).requested_models, ['openai/gpt-4o', 'acme/nope-1']);
    });
    rejects({ model: 'acme/nope-1:weird' }, (error) => assert.match(error.message, /acme\/nope-1:weird/));
  });

  it('rejects a request without any model', () => {
    rejects({}, (error) => {
      assert.ok(error instanceof InvalidRequestError);
      assert.equal(error.status, 400);
    });
  });
});

describe('planRoute provider preferences', () => {
  it('only: by slug and by display name, case-insensitively', () => {
    assert.deepEqual(plan({ model: LLAMA, provider: { only: ['together'] } }), [[LLAMA, 'together']]);
    assert.deepEqual(plan({ model: LLAMA, provider: { only: ['DeepInfra', 'GROQ'] } }), [[LLAMA, 'groq'], [LLAMA, 'deepinfra']]);
  });

  it('ignore: by slug and by display name', () => {
    assert.deepEqual(plan({ model: LLAMA, provider: { ignore: ['Groq', 'deepinfra'] } }), [[LLAMA, 'together']]);
  });

  it('order: listed providers first in that order, then the rest in catalog order', () => {
    assert.deepEqual(plan({ model: LLAMA, provider: { order: ['DeepInfra', 'together'] } }), [
      [LLAMA, 'deepinfra'],
      [LLAMA, 'together'],
      [LLAMA, 'groq'],
    ]);
    assert.deepEqual(plan({ model: LLAMA, provider: { order: ['TOGETHER'] } })[0], [LLAMA, 'together']);
  });

  it('order applies to each model of the fallback list', () => {
    assert.deepEqual(plan({ model: 'openai/gpt-4o', models: [LLAMA], provider: { order: ['azure', 'deepinfra'] } }), [
      ['openai/gpt-4o', 'azure'],
      ['openai/gpt-4o', 'openai'],
      [LLAMA, 'deepinfra'],
      [LLAMA, 'groq'],
      [LLAMA, 'together'],
    ]);
  });

  it('allow_fallbacks=false keeps only the ordered providers', () => {
    assert.deepEqual(plan({ model: LLAMA, provider: { order: ['deepinfra', 'groq'], allow_fallbacks: false } }), [
      [LLAMA, 'deepinfra'],
      [LLAMA, 'groq'],
    ]);
  });

  it('combines only, ignore and order', () => {
    assert.deepEqual(plan({ model: LLAMA, provider: { only: ['groq', 'together', 'deepinfra'], ignore: ['groq'], order: ['deepinfra'] } }), [
      [LLAMA, 'deepinfra'],
      [LLAMA, 'together'],
    ]);
  });

  it('drops a model whose endpoints are all filtered but keeps the others', () => {
    assert.deepEqual(plan({ model: 'openai/gpt-4o', models: [LLAMA], provider: { only: ['groq'] } }), [[LLAMA, 'groq']]);
  });

  it('everything filtered: 404 with the excluded endpoints and why', () => {
    rejects({ model: 'openai/gpt-4o', provider: { only: ['groq'] } }, (error) => {
      assert.equal(error.status, 404);
      assert.equal(error.errorType, 'not_found');
      assert.match(error.message, /openai\/gpt-4o/);
      const availability = error.metadata?.availability as { code: string; requested_models: string[]; excluded: unknown[] };
      assert.equal(availability.code, 'constraint_filtered');
      assert.deepEqual(availability.requested_models, ['openai/gpt-4o']);
      assert.deepEqual(availability.excluded, [
        { model: 'openai/gpt-4o', provider: 'openai', reason: 'provider.only' },
        { model: 'openai/gpt-4o', provider: 'azure', reason: 'provider.only' },
      ]);
    });
    rejects({ model: LLAMA, provider: { ignore: ['groq'], order: ['groq'], allow_fallbacks: false } }, (error) => {
      assert.equal(error.status, 404);
      assert.deepEqual((error.metadata?.availability as { excluded: unknown[] }).excluded, [
        { model: LLAMA, provider: 'groq', reason: 'provider.ignore' },
        { model: LLAMA, provider: 'together', reason: 'provider.allow_fallbacks=false' },
        { model: LLAMA, provider: 'deepinfra', reason: 'provider.allow_fallbacks=false' },
      ]);
    });
  });
});
