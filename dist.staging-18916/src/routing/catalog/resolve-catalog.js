import { resolvePrices } from "./resolve-prices.js";
import { BUILTIN_PROVIDER_PRESETS } from "../../config/builtin-provider-presets.js";
import { buildCatalogModel } from "./build-catalog-model.js";
function resolveCatalog(options) {
  const byId = /* @__PURE__ */ new Map();
  for (const model of options.builtin) byId.set(model.id, model);
  for (const model of options.discovered) byId.set(model.id, model);
  for (const model of options.config.models) {
    for (const endpoint of model.endpoints) {
      const known = options.providers.has(endpoint.provider) || options.config.providers.some((provider) => provider.id === endpoint.provider) || BUILTIN_PROVIDER_PRESETS.some((preset) => preset.id === endpoint.provider);
      if (!known) {
        throw new Error(`models.${model.id}: endpoint provider "${endpoint.provider}" is not a configured or enabled provider`);
      }
    }
    byId.set(model.id, buildCatalogModel(model, byId.get(model.id)));
  }
  const models = /* @__PURE__ */ new Map();
  const unserved = /* @__PURE__ */ new Map();
  for (const model of byId.values()) {
    const endpoints = model.endpoints.flatMap((entry) => {
      const provider = options.providers.get(entry.provider);
      if (!provider) return [];
      const endpoint = { provider, upstreamModel: entry.model, prices: resolvePrices(entry.pricing), entry };
      if (entry.data_policy) endpoint.dataPolicy = endpointDataPolicy(provider.dataPolicy, entry.data_policy);
      return [endpoint];
    });
    if (endpoints.length > 0) models.set(model.id, { model, endpoints });
    else unserved.set(model.id, [...new Set(model.endpoints.map((entry) => entry.provider))]);
  }
  const list = [...models.values()].sort((a, b) => a.model.id < b.model.id ? -1 : 1);
  return { models, list, providers: options.providers, unserved };
}
function endpointDataPolicy(base, overrides) {
  return {
    zdr: overrides.zdr ?? base.zdr,
    trainsOnData: overrides.trains_on_data ?? base.trainsOnData,
    retainsPromptsDays: overrides.retains_prompts ?? base.retainsPromptsDays,
    region: overrides.region ?? base.region,
    moderated: overrides.moderated ?? base.moderated
  };
}
export {
  resolveCatalog
};
//# sourceMappingURL=resolve-catalog.js.map
