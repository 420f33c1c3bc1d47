import type { ResolvedEndpoint } from './catalog/resolved-catalog.js';

/**
 * Hard limits on where a request may go, gathered from every source that can narrow
 * routing: the request's own `provider.zdr` / `provider.data_collection`, the workspace's
 * privacy settings, and guardrails. Sources only ever tighten each other (see
 * mergeRoutingConstraints); `source` names who set what, for the 404 that explains an
 * empty route. Values are shared (precomputed per workspace and guardrail): never mutate one.
 */
export interface RoutingConstraints {
  /** Provider slugs allowed; undefined = any. Lists from several sources intersect. */
  allowedProviders?: { ids: string[]; source: string };
  /** Provider slugs never used. Lists from several sources are unioned. */
  ignoredProviders?: { ids: string[]; source: string };
  /** Model ids allowed; undefined = any. Lists from several sources intersect. */
  allowedModels?: { ids: string[]; source: string };
  /** Only zero-data-retention endpoints. OR-ed. */
  requireZdr?: { source: string };
  /** No endpoint that trains on or retains prompts. OR-ed. */
  denyDataCollection?: { source: string };
  /** Allowed regions (`eu`, `us`, …); endpoints of unknown region are excluded. Lists intersect. */
  regions?: { ids: string[]; source: string };
}

/** Combines two constraint sets so that the result is at least as strict as each. */
export function mergeRoutingConstraints(a: RoutingConstraints, b: RoutingConstraints): RoutingConstraints {
  // The common case on the request path: a workspace or guardrail that limits nothing.
  if (isUnconstrained(b)) return a;
  if (isUnconstrained(a)) return b;
  return {
    allowedProviders: intersect(a.allowedProviders, b.allowedProviders),
    ignoredProviders: union(a.ignoredProviders, b.ignoredProviders),
    allowedModels: intersect(a.allowedModels, b.allowedModels),
    requireZdr: a.requireZdr ?? b.requireZdr,
    denyDataCollection: a.denyDataCollection ?? b.denyDataCollection,
    regions: intersect(a.regions, b.regions),
  };
}

function isUnconstrained(c: RoutingConstraints): boolean {
  return !c.allowedProviders && !c.ignoredProviders && !c.allowedModels && !c.requireZdr && !c.denyDataCollection && !c.regions;
}

type NamedList = { ids: string[]; source: string } | undefined;

function intersect(a: NamedList, b: NamedList): NamedList {
  if (!a) return b;
  if (!b) return a;
  const keep = new Set(b.ids.map((id) => id.toLowerCase()));
  return { ids: a.ids.filter((id) => keep.has(id.toLowerCase())), source: `${a.source}+${b.source}` };
}

function union(a: NamedList, b: NamedList): NamedList {
  if (!a) return b;
  if (!b) return a;
  return { ids: [...new Set([...a.ids, ...b.ids])], source: `${a.source}+${b.source}` };
}

/**
 * Why the constraints exclude this endpoint of `modelId`, or undefined when it may be used.
 * The reason names the constraint and its source, e.g. `zdr (workspace)`.
 */
export function constraintExcluding(constraints: RoutingConstraints, modelId: string, endpoint: ResolvedEndpoint): string | undefined {
  const { provider } = endpoint;
  const policy = endpoint.dataPolicy ?? provider.dataPolicy;
  const { allowedProviders, ignoredProviders, allowedModels, requireZdr, denyDataCollection, regions } = constraints;
  if (allowedModels && !allowedModels.ids.some((id) => id.toLowerCase() === modelId.toLowerCase())) return `allowed_models (${allowedModels.source})`;
  if (allowedProviders && !allowedProviders.ids.some((id) => matchesProvider(id, provider.id))) return `allowed_providers (${allowedProviders.source})`;
  if (ignoredProviders?.ids.some((id) => matchesProvider(id, provider.id))) return `ignored_providers (${ignoredProviders.source})`;
  if (requireZdr && !policy.zdr) return `zdr (${requireZdr.source})`;
  if (denyDataCollection && (policy.trainsOnData || policy.retainsPromptsDays > 0)) return `data_collection=deny (${denyDataCollection.source})`;
  if (regions && (policy.region === null || !regions.ids.includes(policy.region.toLowerCase()))) return `region (${regions.source})`;
  return undefined;
}

function matchesProvider(wanted: string, id: string): boolean {
  const name = wanted.toLowerCase();
  return name === id || id.startsWith(`${name}/`);
}

/** The request's own hard limits: `provider.zdr: true` and `provider.data_collection: "deny"`. */
export function constraintsFromRequest(preferences: { zdr?: unknown; data_collection?: unknown } | undefined): RoutingConstraints {
  const constraints: RoutingConstraints = {};
  if (preferences?.zdr === true) constraints.requireZdr = { source: 'request' };
  if (preferences?.data_collection === 'deny') constraints.denyDataCollection = { source: 'request' };
  return constraints;
}
