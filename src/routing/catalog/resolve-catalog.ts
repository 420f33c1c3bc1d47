import type { SwitchyardConfig } from '../../config/config-schema.js';
import { resolvePrices } from './resolve-prices.js';
import { BUILTIN_PROVIDER_PRESETS } from '../../config/builtin-provider-presets.js';
import type { DataPolicy, Provider } from '../../core/provider-types.js';
import { buildCatalogModel } from './build-catalog-model.js';
import type { CatalogEndpoint, CatalogModel } from './catalog-types.js';
import type { ResolvedCatalog, ResolvedEndpoint, ResolvedModel } from './resolved-catalog.js';

export interface ResolveCatalogOptions {
  builtin: CatalogModel[];
  /** Models discovered on local servers at start (Ollama, vLLM, llama.cpp). */
  discovered: CatalogModel[];
  config: SwitchyardConfig;
  providers: Map<string, Provider>;
}

/**
 * Merges built-in, discovered and configured models, binds endpoints to enabled providers and
 * parses every price once, so nothing on the request path touches the raw catalog.
 */
export function resolveCatalog(options: ResolveCatalogOptions): ResolvedCatalog {
  const byId = new Map<string, CatalogModel>();
  for (const model of options.builtin) byId.set(model.id, model);
  for (const model of options.discovered) byId.set(model.id, model);
  for (const model of options.config.models) {
    for (const endpoint of model.endpoints) {
      const known =
        options.providers.has(endpoint.provider) ||
        options.config.providers.some((provider) => provider.id === endpoint.provider) ||
        BUILTIN_PROVIDER_PRESETS.some((preset) => preset.id === endpoint.provider);
      if (!known) {
        throw new Error(`models.${model.id}: endpoint provider "${endpoint.provider}" is not a configured or enabled provider`);
      }
    }
    byId.set(model.id, buildCatalogModel(model, byId.get(model.id)));
  }

  const models = new Map<string, ResolvedModel>();
  const unserved = new Map<string, string[]>();
  for (const model of byId.values()) {
    const endpoints = model.endpoints.flatMap((entry) => {
      const provider = options.providers.get(entry.provider);
      if (!provider) return [];
      const endpoint: ResolvedEndpoint = { provider, upstreamModel: entry.model, prices: resolvePrices(entry.pricing), entry };
      if (entry.data_policy) endpoint.dataPolicy = endpointDataPolicy(provider.dataPolicy, entry.data_policy);
      return [endpoint];
    });
    if (endpoints.length > 0) models.set(model.id, { model, endpoints });
    else unserved.set(model.id, [...new Set(model.endpoints.map((entry) => entry.provider))]);
  }
  const list = [...models.values()].sort((a, b) => (a.model.id < b.model.id ? -1 : 1));
  return { models, list, providers: options.providers, unserved };
}

/** The provider's data policy with the endpoint's overrides applied. */
function endpointDataPolicy(base: DataPolicy, overrides: NonNullable<CatalogEndpoint['data_policy']>): DataPolicy {
  return {
    zdr: overrides.zdr ?? base.zdr,
    trainsOnData: overrides.trains_on_data ?? base.trainsOnData,
    retainsPromptsDays: overrides.retains_prompts ?? base.retainsPromptsDays,
    region: overrides.region ?? base.region,
    moderated: overrides.moderated ?? base.moderated,
  };
}
