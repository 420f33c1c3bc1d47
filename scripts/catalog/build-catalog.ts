import type { CatalogEndpoint, CatalogFile, CatalogModel } from '../../src/routing/catalog/catalog-types.js';
import { buildCatalogModel } from './build-catalog-model.js';
import { buildDirectEndpoint } from './build-direct-endpoint.js';
import { convertOpenRouterPricing } from './convert-openrouter-pricing.js';
import { DIRECT_PROVIDERS } from './direct-providers.js';
import { createModelMatcher, type ModelMatch } from './match-vendor-model.js';
import { orderEndpoints } from './order-endpoints.js';
import type { LitellmEntry } from './read-litellm-prices.js';
import type { ModelsDevProvider } from './read-models-dev.js';
import type { OpenRouterSnapshot } from './read-openrouter-snapshot.js';

export interface CatalogSources {
  openrouter: OpenRouterSnapshot;
  modelsDev: Record<string, ModelsDevProvider>;
  litellm: Map<string, LitellmEntry>;
  /** File names recorded in `sources`. */
  sourceNames: string[];
}

export interface CatalogReport {
  skippedModels: string[];
  /** Matches dropped because the vendor price is far from OpenRouter's (likely a wrong match). */
  rejectedMatches: string[];
  /** Matched but priced by neither models.dev nor LiteLLM. */
  unpricedMatches: string[];
  litellmPriced: string[];
  warnings: string[];
  endpointsByProvider: Record<string, number>;
}

interface Candidate {
  match: ModelMatch;
  vendorId: string;
  endpoint: CatalogEndpoint;
  warnings: string[];
}

/**
 * Guards against wrong matches: a vendor prompt price below a quarter of OpenRouter's, or
 * above 20× it, means a different model. (Open-weight hosts often charge several times the
 * cheapest provider OpenRouter shows, so the upper bound is loose.)
 */
const MIN_PRICE_FACTOR = 4n;
const MAX_PRICE_FACTOR = 20n;
const REGION_RANK: Record<string, number> = { global: 0, us: 1 };

/** Joins the three sources into the built-in catalog. Pure: no I/O, no clock. */
export function buildCatalog(sources: CatalogSources): { catalog: CatalogFile; report: CatalogReport } {
  const report: CatalogReport = {
    skippedModels: [],
    rejectedMatches: [],
    unpricedMatches: [],
    litellmPriced: [],
    warnings: [],
    endpointsByProvider: {},
  };
  const orModels = new Map(sources.openrouter.models.map((m) => [m.id, m]));
  const matcher = createModelMatcher(sources.openrouter.models);
  const direct = new Map<string, Map<string, Candidate>>();

  for (const provider of DIRECT_PROVIDERS) {
    const vendor = sources.modelsDev[provider.modelsDevId];
    if (!vendor) {
      report.warnings.push(`models.dev has no provider "${provider.modelsDevId}"`);
      continue;
    }
    for (const vendorId of Object.keys(vendor.models).sort()) {
      const match = matcher(provider, vendorId);
      const target = match && orModels.get(match.id);
      const vendorModel = vendor.models[vendorId];
      if (!match || !target || !vendorModel) continue;
      const built = buildDirectEndpoint({
        provider,
        vendorId,
        model: vendorModel,
        litellm: sources.litellm,
        quantization: match.quantization,
        anthropicModel: match.id.startsWith('anthropic/'),
        reference: convertOpenRouterPricing(target.pricing),
      });
      const label = `${provider.slug} ${vendorId} → ${match.id}`;
      if (!built) {
        report.unpricedMatches.push(label);
        continue;
      }
      const orPrompt = convertOpenRouterPricing(target.pricing)?.prompt;
      if (orPrompt && !isPlausiblePrice(built.endpoint.pricing.prompt, orPrompt)) {
        report.rejectedMatches.push(`${label}: prompt ${built.endpoint.pricing.prompt} vs openrouter ${orPrompt}`);
        continue;
      }
      if (built.priceSource === 'litellm') report.litellmPriced.push(label);
      const perModel = direct.get(match.id) ?? new Map<string, Candidate>();
      const current = perModel.get(provider.slug);
      const candidate: Candidate = { match, vendorId, endpoint: built.endpoint, warnings: built.warnings };
      if (!current || compareCandidates(candidate, current) < 0) perModel.set(provider.slug, candidate);
      direct.set(match.id, perModel);
    }
  }

  const models: CatalogModel[] = [];
  for (const source of [...sources.openrouter.models].sort((a, b) => compareText(a.id, b.id))) {
    const pricing = convertOpenRouterPricing(source.pricing);
    if (!pricing || hasNegativePrice(source.pricing)) {
      report.skippedModels.push(source.id);
      continue;
    }
    const author = source.id.slice(0, source.id.indexOf('/'));
    const firstParty = DIRECT_PROVIDERS.filter((p) => p.firstPartyAuthors.includes(author)).map((p) => p.slug);
    const openrouterEndpoint: CatalogEndpoint = {
      provider: 'openrouter',
      model: source.id,
      context_length: source.top_provider?.context_length ?? source.context_length ?? null,
      max_completion_tokens: source.top_provider?.max_completion_tokens ?? null,
      pricing,
      quantization: null,
      supported_parameters: [...(source.supported_parameters ?? [])],
    };
    const chosen = [...(direct.get(source.id)?.values() ?? [])];
    for (const c of chosen) report.warnings.push(...c.warnings);
    const directEndpoints = chosen.map((c) => c.endpoint);
    const endpoints = orderEndpoints([...directEndpoints, openrouterEndpoint], firstParty);
    for (const e of endpoints) report.endpointsByProvider[e.provider] = (report.endpointsByProvider[e.provider] ?? 0) + 1;
    models.push(buildCatalogModel(source, pricing, endpoints));
  }

  const catalog: CatalogFile = {
    generated_at: `${sources.openrouter.date}T00:00:00.000Z`,
    sources: sources.sourceNames,
    models,
  };
  return { catalog, report };
}

function compareCandidates(a: Candidate, b: Candidate): number {
  const region = (c: Candidate): number => (c.match.region ? (REGION_RANK[c.match.region] ?? 3) : 2);
  return (
    a.match.tier - b.match.tier ||
    region(a) - region(b) ||
    a.vendorId.length - b.vendorId.length ||
    compareText(a.vendorId, b.vendorId)
  );
}

function isPlausiblePrice(vendor: string, openrouter: string): boolean {
  const v = toUnits(vendor);
  const o = toUnits(openrouter);
  if (v === 0n || o === 0n) return true;
  return v * MIN_PRICE_FACTOR >= o && o * MAX_PRICE_FACTOR >= v;
}

function hasNegativePrice(pricing: Record<string, unknown>): boolean {
  return Object.values(pricing).some(
    (v) => (typeof v === 'string' && v.trim().startsWith('-')) || (typeof v === 'number' && v < 0),
  );
}

function toUnits(price: string): bigint {
  const [whole = '0', fraction = ''] = price.split('.');
  return BigInt(whole) * 10n ** 12n + BigInt(fraction.padEnd(12, '0').slice(0, 12) || '0');
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
