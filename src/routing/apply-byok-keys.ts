import { GatewayError } from '../core/errors/gateway-error.js';
import type { Provider } from '../core/provider-types.js';
import type { RouteAttempt } from './plan-route.js';

/** One of a workspace's BYOK keys, decrypted, as routing needs it. */
export interface ByokRoute {
  /** The provider with the workspace's key as `apiKey`. */
  provider: Provider;
  /** Tried after the pooled key rather than before it. */
  isFallback: boolean;
  /** The pooled key is never used for this provider while this key is enabled. */
  alwaysUse: boolean;
  /** Model ids this key may serve; null = all. */
  allowedModels: ReadonlySet<string> | null;
}

/**
 * Puts a workspace's own provider keys into a planned route, after planRoute has applied every
 * constraint (so privacy rules hold for BYOK endpoints too). Per model, in plan order:
 * 1. the endpoints the workspace has keys for, once per key (provider.order kept among them,
 *    several keys of one provider in their sort order) — ahead of everything else;
 * 2. the pooled attempts, except for providers with no pooled key and providers whose BYOK key
 *    says `always_use`;
 * 3. keys marked `is_fallback`.
 * `routes` holds enabled keys only, by provider id. A plan left empty (only BYOK-only providers
 * and no key that may serve the model) is a 404.
 */
export function applyByokKeys(options: {
  plan: RouteAttempt[];
  routes: ReadonlyMap<string, readonly ByokRoute[]>;
  /** Providers with a pooled (gateway) key. */
  pooled: ReadonlySet<string>;
}): RouteAttempt[] {
  const { plan, routes, pooled } = options;
  const out: RouteAttempt[] = [];
  let index = 0;
  while (index < plan.length) {
    const model = (plan[index] as RouteAttempt).model;
    const first: RouteAttempt[] = [];
    const shared: RouteAttempt[] = [];
    const last: RouteAttempt[] = [];
    for (; index < plan.length && (plan[index] as RouteAttempt).model === model; index += 1) {
      const attempt = plan[index] as RouteAttempt;
      const providerId = attempt.endpoint.provider.id;
      let alwaysUse = false;
      for (const route of routes.get(providerId) ?? []) {
        if (route.allowedModels && !route.allowedModels.has(model.model.id)) continue;
        alwaysUse ||= route.alwaysUse;
        (route.isFallback ? last : first).push({ model, endpoint: { ...attempt.endpoint, provider: route.provider }, byok: true });
      }
      if (pooled.has(providerId) && !alwaysUse) shared.push(attempt);
    }
    out.push(...first, ...shared, ...last);
  }
  if (out.length === 0 && plan.length > 0) {
    const models = [...new Set(plan.map((attempt) => attempt.model.model.id))];
    throw new GatewayError('no_endpoints', {
      message: `No endpoints found for ${models.join(', ')}: its providers need a BYOK key that may serve this model.`,
      metadata: { availability: { code: 'constraint_filtered', requested_models: models } },
    });
  }
  return out;
}
