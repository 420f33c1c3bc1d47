import type { ChatRequest } from '../core/canonical/chat-request.js';
import { assertOutputModalities } from './assert-output-modalities.js';
import { explainUnservedModel } from './explain-unserved-model.js';
import { GatewayError, InvalidRequestError } from '../core/errors/gateway-error.js';
import type { ResolvedCatalog, ResolvedEndpoint, ResolvedModel } from './catalog/resolved-catalog.js';
import { endpointExclusion, namesProvider, readEndpointFilters } from './exclude-endpoint.js';
import type { EndpointHealth } from './health/endpoint-health.js';
import { MemoryEndpointHealth } from './health/memory-endpoint-health.js';
import { readSortPreference, type SortPreference } from './provider-preferences.js';
import { readRequestFeatures } from './read-request-features.js';
import type { RouteReport } from './route-report.js';
import { constraintExcluding, type RoutingConstraints } from './routing-constraints.js';
import { describeCandidate, orderCandidates, type Candidate, type SelectionOptions } from './select-endpoints.js';

/** One place to try: a model and one of its endpoints. A plain object: post-processors copy and extend it. */
export interface RouteAttempt {
  model: ResolvedModel;
  endpoint: ResolvedEndpoint;
  /** Set by applyByokKeys: the endpoint's provider carries the workspace's own key. */
  byok?: boolean;
}

/** Routing state beyond the request: health, clock, randomness, stickiness, and where to explain. */
export interface PlanOptions {
  health?: EndpointHealth;
  /** ms since epoch; Date.now() by default. */
  now?: number;
  /** Uniform in [0, 1); Math.random by default. */
  random?: () => number;
  /** The provider id this conversation last used for a model (sticky routing), if any. */
  stickyProvider?: (modelId: string) => string | undefined;
  /** Filled with the strategy, the endpoints considered and those excluded, for `openrouter_metadata`. */
  report?: RouteReport;
}

/** Model-name suffixes that select a routing variant; stripped to find the catalog entry. */
const VARIANT = /:(free|nitro|floor|thinking)$/;
/**
 * OpenRouter suffixes this gateway does not implement: `:online` (web search), `:exacto` (its
 * tool-calling quality ranking) and `:extended` (a long-context variant, served only when the
 * catalog lists the `…:extended` model itself). Refused by name rather than silently dropped.
 */
const UNSUPPORTED_VARIANT = /:(exacto|online|extended)$/;
const SUPPORTED_VARIANTS = ':free, :nitro, :floor, :thinking';

const NO_HEALTH = new MemoryEndpointHealth();

/**
 * Orders the attempts for a request: `model` then each of `models`; for each model its
 * endpoints on enabled providers that pass the shared constraints and the request's hard
 * filters (`only`, `ignore`, `allow_fallbacks`, `quantizations`, `max_price`,
 * `require_parameters`, `:free`), ordered by selection (see select-endpoints.ts): weighted
 * random by 1/cost² by default, strict with `sort` / `order` / `:nitro` / `:floor`, unstable
 * endpoints last, a sticky conversation's endpoint first. With `sort.partition: "none"` the
 * endpoints of all models are ordered together. Unknown models are a 400 that names them; a
 * request left with no endpoint is a 404 that says which filter removed what.
 */
export function planRoute(catalog: ResolvedCatalog, request: ChatRequest, constraints: RoutingConstraints = {}, options: PlanOptions = {}): RouteAttempt[] {
  const unique = requestedModelIds(request);
  if (unique.length === 0) throw new InvalidRequestError('No model given. Set "model" (e.g. "openai/gpt-4o-mini") or "models".');
  // A model and its variant (`x` and `x:nitro`) resolve to the same entry: plan it once, with the first variant.
  const models = new Map<ResolvedModel, string | undefined>();
  for (const id of unique) {
    const exact = catalog.models.get(id);
    const unsupported = exact ? undefined : UNSUPPORTED_VARIANT.exec(id)?.[1];
    if (unsupported) {
      throw new InvalidRequestError(
        `The :${unsupported} model variant is not supported by this gateway (${id}); supported variants: ${SUPPORTED_VARIANTS}` +
          (unsupported === 'extended' ? ', and :extended only for models the catalog lists with it' : ''),
        { metadata: { unsupported_variant: unsupported, supported_variants: SUPPORTED_VARIANTS.split(', ') } },
      );
    }
    const variant = exact ? undefined : VARIANT.exec(id)?.[1];
    const model = exact ?? catalog.models.get(id.replace(VARIANT, ''));
    const unserved = model ? undefined : catalog.unserved?.get(id.replace(VARIANT, ''));
    if (unserved) throw explainUnservedModel(id, unserved, catalog.providers.size > 0);
    if (!model) {
      throw new InvalidRequestError(`${id} is not a valid model ID`, {
        code: 'model_not_found',
        metadata: { availability: { code: 'model_not_found', requested_models: unique } },
      });
    }
    assertServesRequestKind(id, model, request.embeddings !== undefined);
    assertOutputModalities(id, model, request);
    if (!models.has(model)) models.set(model, variant);
  }

  const preferences = request.provider ?? {};
  const order = preferences.order && preferences.order.length > 0 ? preferences.order : undefined;
  const filters = readEndpointFilters(request);
  const requestSort = readSortPreference(preferences.sort);
  const features = readRequestFeatures(request);
  const base: SelectionOptions = {
    health: options.health ?? NO_HEALTH,
    now: options.now ?? Date.now(),
    random: options.random ?? Math.random,
    rankOf: order ? (endpoint) => rankIn(order, endpoint) : undefined,
    preferredMinThroughput: preferences.preferred_min_throughput as SelectionOptions['preferredMinThroughput'],
    preferredMaxLatency: preferences.preferred_max_latency as SelectionOptions['preferredMaxLatency'],
  };
  const excluded: Array<{ model: string; provider: string; reason: string }> = [];
  const perModel: Array<{ candidates: Candidate[]; sort: SortPreference | undefined }> = [];
  for (const [model, variant] of models) {
    const candidates: Candidate[] = [];
    for (const endpoint of model.endpoints) {
      const reason =
        constraintExcluding(constraints, model.model.id, endpoint) ?? endpointExclusion(filters, endpoint, { freeOnly: variant === 'free' });
      if (reason) excluded.push({ model: model.model.id, provider: endpoint.provider.id, reason });
      else candidates.push(describeCandidate(model, endpoint, { features, options: base }));
    }
    const sort: SortPreference | undefined = variant === 'nitro' ? { by: 'throughput', partition: 'model' } : variant === 'floor' ? { by: 'price', partition: 'model' } : requestSort;
    perModel.push({ candidates, sort });
  }

  let ordered: Candidate[];
  if (requestSort?.partition === 'none') {
    ordered = orderCandidates(perModel.flatMap((entry) => entry.candidates), withSort(base, requestSort));
  } else if (perModel.length === 1 && (perModel[0] as (typeof perModel)[number]).candidates.length < 2) {
    // One model with one endpoint (or none): nothing to order, nothing sticky to look up.
    ordered = (perModel[0] as (typeof perModel)[number]).candidates;
  } else {
    ordered = perModel.flatMap(({ candidates, sort }) => {
      if (candidates.length < 2) return candidates;
      const list = orderCandidates(candidates, withSort(base, sort));
      // Stickiness only reorders: with fewer than two endpoints there is nothing to look up.
      const sticky = order ? undefined : options.stickyProvider?.(list[0]?.model.model.id ?? '');
      const at = sticky === undefined ? -1 : list.findIndex((candidate) => candidate.endpoint.provider.id === sticky && candidate.stable);
      if (at > 0) list.unshift(...list.splice(at, 1));
      return list;
    });
  }
  if (options.report) {
    options.report.strategy = order ? 'ordered' : requestSort || [...models.values()].some((v) => v === 'nitro' || v === 'floor') ? 'sorted' : 'load_balanced';
    options.report.considered = ordered.map((candidate) => ({
      model: candidate.model.model.id,
      provider: candidate.endpoint.provider.id,
      stable: candidate.stable,
      ...(candidate.misses.length > 0 ? { misses: candidate.misses } : {}),
    }));
    options.report.excluded = excluded;
  }
  if (ordered.length === 0) {
    throw new GatewayError('no_endpoints', {
      message: `No endpoints found for ${unique.join(', ')} that match your provider preferences.`,
      metadata: { availability: { code: 'constraint_filtered', requested_models: unique, excluded_by: [...new Set(excluded.map((entry) => filterName(entry.reason)))], excluded } },
    });
  }
  return ordered.map(({ model, endpoint }) => ({ model, endpoint }));
}

/**
 * Whether planning this request could put a sticky endpoint first: some requested model has two
 * or more endpoints in the catalog (stickiness only reorders a model's endpoints, so with one
 * there is nothing to read or remember). Unknown models answer false; planning refuses them.
 */
export function mayUseStickiness(catalog: ResolvedCatalog, request: ChatRequest): boolean {
  if (typeof request.model === 'string' && hasSeveralEndpoints(catalog, request.model)) return true;
  for (const id of request.models ?? []) if (typeof id === 'string' && hasSeveralEndpoints(catalog, id)) return true;
  return false;
}

function hasSeveralEndpoints(catalog: ResolvedCatalog, id: string): boolean {
  const model = catalog.models.get(id) ?? catalog.models.get(id.replace(VARIANT, ''));
  return model !== undefined && model.endpoints.length > 1;
}

/** `model` then each of `models`, non-empty strings only, each once (the common lone `model` without a Set). */
function requestedModelIds(request: ChatRequest): string[] {
  const first = typeof request.model === 'string' && request.model !== '' ? [request.model] : [];
  const more = request.models;
  if (!more || more.length === 0) return first;
  return [...new Set([...first, ...more.filter((id): id is string => typeof id === 'string' && id !== '')])];
}

/** The filter part of an exclusion reason (`provider.max_price.prompt` → `provider.max_price`). */
function filterName(reason: string): string {
  return reason.replace(/ \(.*$/, '').replace(/^(provider\.max_price)\..*$/, '$1');
}

/** Position of the endpoint's provider in `provider.order`; unlisted ones rank last. */
function rankIn(order: string[], endpoint: ResolvedEndpoint): number {
  const position = order.findIndex((name) => namesProvider(name, endpoint));
  return position < 0 ? order.length : position;
}

/**
 * Embedding models (output modality `embeddings`) answer only embeddings requests, and chat
 * models only chat: the other way round is a 400 naming the model and where to send it.
 */
function assertServesRequestKind(id: string, resolved: ResolvedModel, embeddings: boolean): void {
  // Models built without an architecture (hand-made in tests, older configs) are chat models.
  const outputs = resolved.model.architecture?.output_modalities ?? ['text'];
  const embeds = outputs.includes('embeddings');
  if (embeddings && !embeds) {
    throw new InvalidRequestError(`${id} is not an embedding model (its output modalities: ${outputs.join(', ')}); send it to /api/v1/chat/completions`, {
      metadata: { model: id, output_modalities: outputs },
    });
  }
  if (!embeddings && embeds) {
    throw new InvalidRequestError(`${id} is an embedding model; send it to /api/v1/embeddings`, { metadata: { model: id, output_modalities: outputs } });
  }
}

/**
 * The selection options with a sort, every member named: V8 11 (Node 20) adds each member that
 * follows a spread copy (`{ ...base, sort }`) through a slow path, about 2 µs each, per request.
 */
function withSort(base: SelectionOptions, sort: SortPreference | undefined): SelectionOptions {
  return {
    health: base.health,
    now: base.now,
    random: base.random,
    sort,
    rankOf: base.rankOf,
    preferredMinThroughput: base.preferredMinThroughput,
    preferredMaxLatency: base.preferredMaxLatency,
  };
}
