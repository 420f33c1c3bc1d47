import type { PrivacySettings } from '../core/privacy-settings.js';
import type { RoutingConstraints } from '../routing/routing-constraints.js';

/** The routing limits these settings impose, labelled `workspace` for the 404 that explains them. */
export function privacyConstraints(settings: PrivacySettings): RoutingConstraints {
  const source = 'workspace';
  const constraints: RoutingConstraints = {};
  if (settings.enforce_zdr) constraints.requireZdr = { source };
  if (settings.data_collection === 'deny') constraints.denyDataCollection = { source };
  if (settings.allowed_providers) constraints.allowedProviders = { ids: settings.allowed_providers.map((id) => id.toLowerCase()), source };
  if (settings.ignored_providers.length > 0) constraints.ignoredProviders = { ids: settings.ignored_providers.map((id) => id.toLowerCase()), source };
  if (settings.allowed_models) constraints.allowedModels = { ids: settings.allowed_models, source };
  if (settings.allowed_regions) constraints.regions = { ids: settings.allowed_regions, source };
  return constraints;
}
