import { explainUnservedModel } from "./explain-unserved-model.js";
import { GatewayError, InvalidRequestError } from "../core/errors/gateway-error.js";
import { endpointExclusion, namesProvider, readEndpointFilters } from "./exclude-endpoint.js";
import { MemoryEndpointHealth } from "./health/memory-endpoint-health.js";
import { readSortPreference } from "./provider-preferences.js";
import { readRequestFeatures } from "./read-request-features.js";
import { constraintExcluding } from "./routing-constraints.js";
import { describeCandidate, orderCandidates } from "./select-endpoints.js";
const VARIANT = /:(free|nitro|floor|thinking)$/;
const UNSUPPORTED_VARIANT = /:(exacto|online|extended)$/;
const SUPPORTED_VARIANTS = ":free, :nitro, :floor, :thinking";
const NO_HEALTH = new MemoryEndpointHealth();
function planRoute(catalog, request, constraints = {}, options = {}) {
  const requested = [request.model, ...request.models ?? []].filter((id) => typeof id === "string" && id !== "");
  if (requested.length === 0) throw new InvalidRequestError('No model given. Set "model" (e.g. "openai/gpt-4o-mini") or "models".');
  const unique = [...new Set(requested)];
  const models = /* @__PURE__ */ new Map();
  for (const id of unique) {
    const exact = catalog.models.get(id);
    const unsupported = exact ? void 0 : UNSUPPORTED_VARIANT.exec(id)?.[1];
    if (unsupported) {
      throw new InvalidRequestError(
        `The :${unsupported} model variant is not supported by this gateway (${id}); supported variants: ${SUPPORTED_VARIANTS}` + (unsupported === "extended" ? ", and :extended only for models the catalog lists with it" : ""),
        { metadata: { unsupported_variant: unsupported, supported_variants: SUPPORTED_VARIANTS.split(", ") } }
      );
    }
    const variant = exact ? void 0 : VARIANT.exec(id)?.[1];
    const model = exact ?? catalog.models.get(id.replace(VARIANT, ""));
    const unserved = model ? void 0 : catalog.unserved?.get(id.replace(VARIANT, ""));
    if (unserved) throw explainUnservedModel(id, unserved, catalog.providers.size > 0);
    if (!model) {
      throw new InvalidRequestError(`${id} is not a valid model ID`, {
        code: "model_not_found",
        metadata: { availability: { code: "model_not_found", requested_models: unique } }
      });
    }
    if (!models.has(model)) models.set(model, variant);
  }
  const preferences = request.provider ?? {};
  const order = preferences.order && preferences.order.length > 0 ? preferences.order : void 0;
  const filters = readEndpointFilters(request);
  const requestSort = readSortPreference(preferences.sort);
  const features = readRequestFeatures(request);
  const base = {
    health: options.health ?? NO_HEALTH,
    now: options.now ?? Date.now(),
    random: options.random ?? Math.random,
    rankOf: order ? (endpoint) => rankIn(order, endpoint) : void 0,
    preferredMinThroughput: preferences.preferred_min_throughput,
    preferredMaxLatency: preferences.preferred_max_latency
  };
  const excluded = [];
  const perModel = [];
  for (const [model, variant] of models) {
    const candidates = [];
    for (const endpoint of model.endpoints) {
      const reason = constraintExcluding(constraints, model.model.id, endpoint) ?? endpointExclusion(filters, endpoint, { freeOnly: variant === "free" });
      if (reason) excluded.push({ model: model.model.id, provider: endpoint.provider.id, reason });
      else candidates.push(describeCandidate(model, endpoint, { features, options: base }));
    }
    const sort = variant === "nitro" ? { by: "throughput", partition: "model" } : variant === "floor" ? { by: "price", partition: "model" } : requestSort;
    perModel.push({ candidates, sort });
  }
  let ordered;
  if (requestSort?.partition === "none") {
    ordered = orderCandidates(perModel.flatMap((entry) => entry.candidates), { ...base, sort: requestSort });
  } else {
    ordered = perModel.flatMap(({ candidates, sort }) => {
      const list = orderCandidates(candidates, { ...base, sort });
      const sticky = order || list.length < 2 ? void 0 : options.stickyProvider?.(list[0]?.model.model.id ?? "");
      const at = sticky === void 0 ? -1 : list.findIndex((candidate) => candidate.endpoint.provider.id === sticky && candidate.stable);
      if (at > 0) list.unshift(...list.splice(at, 1));
      return list;
    });
  }
  if (options.report) {
    options.report.strategy = order ? "ordered" : requestSort || [...models.values()].some((v) => v === "nitro" || v === "floor") ? "sorted" : "load_balanced";
    options.report.considered = ordered.map((candidate) => ({
      model: candidate.model.model.id,
      provider: candidate.endpoint.provider.id,
      stable: candidate.stable,
      ...candidate.misses.length > 0 ? { misses: candidate.misses } : {}
    }));
    options.report.excluded = excluded;
  }
  if (ordered.length === 0) {
    throw new GatewayError("no_endpoints", {
      message: `No endpoints found for ${unique.join(", ")} that match your provider preferences.`,
      metadata: { availability: { code: "constraint_filtered", requested_models: unique, excluded_by: [...new Set(excluded.map((entry) => filterName(entry.reason)))], excluded } }
    });
  }
  return ordered.map(({ model, endpoint }) => ({ model, endpoint }));
}
function filterName(reason) {
  return reason.replace(/ \(.*$/, "").replace(/^(provider\.max_price)\..*$/, "$1");
}
function rankIn(order, endpoint) {
  const position = order.findIndex((name) => namesProvider(name, endpoint));
  return position < 0 ? order.length : position;
}
export {
  planRoute
};
//# sourceMappingURL=plan-route.js.map
