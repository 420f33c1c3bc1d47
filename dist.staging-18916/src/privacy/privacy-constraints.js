function privacyConstraints(settings) {
  const source = "workspace";
  const constraints = {};
  if (settings.enforce_zdr) constraints.requireZdr = { source };
  if (settings.data_collection === "deny") constraints.denyDataCollection = { source };
  if (settings.allowed_providers) constraints.allowedProviders = { ids: settings.allowed_providers.map((id) => id.toLowerCase()), source };
  if (settings.ignored_providers.length > 0) constraints.ignoredProviders = { ids: settings.ignored_providers.map((id) => id.toLowerCase()), source };
  if (settings.allowed_models) constraints.allowedModels = { ids: settings.allowed_models, source };
  if (settings.allowed_regions) constraints.regions = { ids: settings.allowed_regions, source };
  return constraints;
}
export {
  privacyConstraints
};
//# sourceMappingURL=privacy-constraints.js.map
