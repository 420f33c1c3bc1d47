function mergeRoutingConstraints(a, b) {
  if (isUnconstrained(b)) return a;
  if (isUnconstrained(a)) return b;
  return {
    allowedProviders: intersect(a.allowedProviders, b.allowedProviders),
    ignoredProviders: union(a.ignoredProviders, b.ignoredProviders),
    allowedModels: intersect(a.allowedModels, b.allowedModels),
    requireZdr: a.requireZdr ?? b.requireZdr,
    denyDataCollection: a.denyDataCollection ?? b.denyDataCollection,
    regions: intersect(a.regions, b.regions)
  };
}
function isUnconstrained(c) {
  return !c.allowedProviders && !c.ignoredProviders && !c.allowedModels && !c.requireZdr && !c.denyDataCollection && !c.regions;
}
function intersect(a, b) {
  if (!a) return b;
  if (!b) return a;
  const keep = new Set(b.ids.map((id) => id.toLowerCase()));
  return { ids: a.ids.filter((id) => keep.has(id.toLowerCase())), source: `${a.source}+${b.source}` };
}
function union(a, b) {
  if (!a) return b;
  if (!b) return a;
  return { ids: [.../* @__PURE__ */ new Set([...a.ids, ...b.ids])], source: `${a.source}+${b.source}` };
}
function constraintExcluding(constraints, modelId, endpoint) {
  const { provider } = endpoint;
  const policy = endpoint.dataPolicy ?? provider.dataPolicy;
  const { allowedProviders, ignoredProviders, allowedModels, requireZdr, denyDataCollection, regions } = constraints;
  if (allowedModels && !allowedModels.ids.some((id) => id.toLowerCase() === modelId.toLowerCase())) return `allowed_models (${allowedModels.source})`;
  if (allowedProviders && !allowedProviders.ids.some((id) => matchesProvider(id, provider.id))) return `allowed_providers (${allowedProviders.source})`;
  if (ignoredProviders?.ids.some((id) => matchesProvider(id, provider.id))) return `ignored_providers (${ignoredProviders.source})`;
  if (requireZdr && !policy.zdr) return `zdr (${requireZdr.source})`;
  if (denyDataCollection && (policy.trainsOnData || policy.retainsPromptsDays > 0)) return `data_collection=deny (${denyDataCollection.source})`;
  if (regions && (policy.region === null || !regions.ids.includes(policy.region.toLowerCase()))) return `region (${regions.source})`;
  return void 0;
}
function matchesProvider(wanted, id) {
  const name = wanted.toLowerCase();
  return name === id || id.startsWith(`${name}/`);
}
function constraintsFromRequest(preferences) {
  const constraints = {};
  if (preferences?.zdr === true) constraints.requireZdr = { source: "request" };
  if (preferences?.data_collection === "deny") constraints.denyDataCollection = { source: "request" };
  return constraints;
}
export {
  constraintExcluding,
  constraintsFromRequest,
  mergeRoutingConstraints
};
//# sourceMappingURL=routing-constraints.js.map
