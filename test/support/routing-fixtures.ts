import { resolvePrices } from '../../src/routing/catalog/resolve-prices.js';
import type { Provider } from '../../src/core/provider-types.js';
import type { CatalogEndpoint, CatalogModel } from '../../src/routing/catalog/catalog-types.js';
import type { ResolvedCatalog, ResolvedModel } from '../../src/routing/catalog/resolved-catalog.js';

/** A provider for routing unit tests (never contacted). */
export function testProvider(id: string, name = id.toUpperCase(), dataPolicy: Partial<Provider['dataPolicy']> = {}): Provider {
  return {
    id,
    name,
    protocol: 'openai',
    baseUrl: `https://${id}.example/v1`,
    apiKey: 'test',
    headers: {},
    dataPolicy: { zdr: false, trainsOnData: false, retainsPromptsDays: 0, region: null, moderated: false, ...dataPolicy },
    timeouts: { connectMs: 1000, firstByteMs: 1000, idleMs: 1000, totalMs: 1000 },
    local: false,
  };
}

/** An endpoint description: provider id plus any catalog fields to override. */
export type TestEndpoint = { provider: string } & Partial<Omit<CatalogEndpoint, 'provider'>>;

/** A resolved model whose endpoints default to 8k context, $1/$2 per M tokens, common parameters. */
export function testModel(id: string, endpoints: TestEndpoint[], providers: Map<string, Provider>, extra: Partial<CatalogModel> = {}): ResolvedModel {
  const entries: CatalogEndpoint[] = endpoints.map((endpoint) => ({
    model: `${endpoint.provider}-${id.split('/')[1]}`,
    context_length: 8192,
    max_completion_tokens: null,
    pricing: { prompt: '0.000001', completion: '0.000002' },
    quantization: null,
    supported_parameters: ['max_tokens', 'temperature', 'tools', 'tool_choice', 'response_format'],
    ...endpoint,
  }));
  for (const entry of entries) if (!providers.has(entry.provider)) providers.set(entry.provider, testProvider(entry.provider));
  const model = { id, name: id, context_length: 8192, supported_parameters: [], endpoints: entries, ...extra } as unknown as CatalogModel;
  return {
    model,
    endpoints: entries.map((entry) => ({ provider: providers.get(entry.provider) as Provider, upstreamModel: entry.model, prices: resolvePrices(entry.pricing), entry })),
  };
}

/** A catalog of the given models. */
export function testCatalog(models: ResolvedModel[], providers: Map<string, Provider>): ResolvedCatalog {
  return {
    models: new Map(models.map((m) => [m.model.id, m])),
    list: [...models].sort((a, b) => (a.model.id < b.model.id ? -1 : 1)),
    providers,
  };
}

/** Deterministic uniform [0, 1) source (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
