import type { ChatRequest } from '../core/canonical/chat-request.js';
import { GatewayError, InvalidRequestError } from '../core/errors/gateway-error.js';
import type { ResolvedCatalog, ResolvedEndpoint, ResolvedModel } from './catalog/resolved-catalog.js';
import { constraintExcluding, type RoutingConstraints } from './routing-constraints.js';

/** One place to try: a model and one of its endpoints. */
export interface RouteAttempt {
  model: ResolvedModel;
  endpoint: ResolvedEndpoint;
}

/** Model-name suffixes that select a routing variant; stripped to find the catalog entry. */
const VARIANT = /:(free|nitro|floor|exacto|online|thinking|extended)$/;

/**
 * Orders the attempts for a request: `model` then each of `models`, and for each model its
 * endpoints on enabled providers, filtered and ordered by the request's `provider` object
 * (`only`, `ignore`, `order`, `allow_fallbacks`). Unknown models are a 400 that names them;
 * models left with no endpoint are a 404 that says which filter removed what.
 */
export function planRoute(catalog: ResolvedCatalog, request: ChatRequest, constraints: RoutingConstraints = {}): RouteAttempt[] {
  const requested = [request.model, ...(request.models ?? [])].filter((id): id is string => typeof id === 'string' && id !== '');
  if (requested.length === 0) throw new InvalidRequestError('No model given. Set "model" (e.g. "openai/gpt-4o-mini") or "models".');
  const unique = [...new Set(requested)];
  const resolved = unique.map((id) => {
    const model = catalog.models.get(id) ?? catalog.models.get(id.replace(VARIANT, ''));
    if (!model) {
      throw new InvalidRequestError(`${id} is not a valid model ID`, {
        code: 'model_not_found',
        metadata: { availability: { code: 'model_not_found', requested_models: unique } },
      });
    }
    return model;
  });
  // A model and its variant (`x` and `x:nitro`) resolve to the same entry: plan it once.
  const models = [...new Set(resolved)];

  const preferences = request.provider ?? {};
  const order = preferences.order ?? [];
  const attempts: RouteAttempt[] = [];
  const excluded: Array<{ model: string; provider: string; reason: string }> = [];
  for (const model of models) {
    const kept: ResolvedEndpoint[] = [];
    for (const endpoint of model.endpoints) {
      const reason =
        constraintExcluding(constraints, model.model.id, endpoint) ??
        (preferences.only && !preferences.only.some((name) => namesProvider(name, endpoint))
          ? 'provider.only'
          : preferences.ignore?.some((name) => namesProvider(name, endpoint))
            ? 'provider.ignore'
            : preferences.allow_fallbacks === false && order.length > 0 && rankIn(order, endpoint) === order.length
              ? 'provider.allow_fallbacks=false'
              : undefined);
      if (reason) excluded.push({ model: model.model.id, provider: endpoint.provider.id, reason });
      else kept.push(endpoint);
    }
    if (order.length > 0) kept.sort((a, b) => rankIn(order, a) - rankIn(order, b));
    for (const endpoint of kept) attempts.push({ model, endpoint });
  }
  if (attempts.length === 0) {
    throw new GatewayError('no_endpoints', {
      message: `No endpoints found for ${unique.join(', ')} that match your provider preferences.`,
      metadata: { availability: { code: 'constraint_filtered', requested_models: unique, excluded } },
    });
  }
  return attempts;
}

/** A provider named by slug, display name (any case) or base slug of a variant (`deepinfra` → `deepinfra/turbo`). */
function namesProvider(name: string, endpoint: ResolvedEndpoint): boolean {
  const wanted = name.toLowerCase();
  const { id, name: displayName } = endpoint.provider;
  return wanted === id || wanted === displayName.toLowerCase() || id.startsWith(`${wanted}/`);
}

/** Position of the endpoint's provider in `provider.order`; unlisted ones rank last. */
function rankIn(order: string[], endpoint: ResolvedEndpoint): number {
  const position = order.findIndex((name) => namesProvider(name, endpoint));
  return position < 0 ? order.length : position;
}
