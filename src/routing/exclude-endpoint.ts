import { parseUsd, type Picodollars } from '../core/money.js';
import type { ChatRequest, ProviderPreferences } from '../core/canonical/chat-request.js';
import type { ResolvedEndpoint } from './catalog/resolved-catalog.js';

/** Parameters OpenRouter lists in `supported_parameters`; `require_parameters` checks these. */
const ROUTABLE_PARAMETERS = [
  'temperature', 'top_p', 'top_k', 'min_p', 'top_a', 'frequency_penalty', 'presence_penalty', 'repetition_penalty',
  'max_tokens', 'logit_bias', 'logprobs', 'top_logprobs', 'prediction', 'seed', 'response_format',
  'stop', 'tools', 'tool_choice', 'parallel_tool_calls', 'include_reasoning', 'reasoning', 'reasoning_effort',
  'web_search_options', 'verbosity',
] as const;

/**
 * The request's hard endpoint filters from `provider` (beyond the shared RoutingConstraints),
 * prepared once per request so each endpoint check is a few comparisons.
 */
export interface EndpointFilters {
  only?: string[];
  ignore?: string[];
  /** Set with `allow_fallbacks: false` and a non-empty `order`: nothing else may be used. */
  orderOnly?: string[];
  quantizations?: Set<string>;
  /** Picodollars per million tokens (prompt, completion) or per unit (request, image). */
  maxPrice?: { prompt?: Picodollars; completion?: Picodollars; request?: Picodollars; image?: Picodollars };
  /** Parameters every endpoint must support (`require_parameters: true`). */
  requiredParameters?: string[];
}

/** Builds the filters of a request's `provider` object. */
export function readEndpointFilters(request: ChatRequest): EndpointFilters {
  const provider: ProviderPreferences = request.provider ?? {};
  const filters: EndpointFilters = {};
  if (provider.only) filters.only = provider.only;
  if (provider.ignore) filters.ignore = provider.ignore;
  if (provider.allow_fallbacks === false && provider.order && provider.order.length > 0) filters.orderOnly = provider.order;
  if (provider.quantizations && provider.quantizations.length > 0) filters.quantizations = new Set(provider.quantizations);
  const max = provider.max_price;
  if (max) {
    const read = (value: unknown) => (value === undefined ? undefined : parseUsd(value as string | number));
    filters.maxPrice = { prompt: read(max.prompt), completion: read(max.completion), request: read(max.request), image: read(max.image) };
  }
  if (provider.require_parameters === true) filters.requiredParameters = requestedParameters(request);
  return filters;
}

/** The routable parameters a request sets (`max_completion_tokens` counts as `max_tokens`). */
export function requestedParameters(request: ChatRequest): string[] {
  const found: string[] = ROUTABLE_PARAMETERS.filter((name) => request[name] !== undefined && request[name] !== null);
  if (request.max_completion_tokens !== undefined && !found.includes('max_tokens')) found.push('max_tokens');
  return found;
}

/**
 * Why the request's own filters exclude this endpoint (a short reason naming the filter, as
 * the 404 and the router metadata show it), or undefined when it may be used.
 */
export function endpointExclusion(filters: EndpointFilters, endpoint: ResolvedEndpoint, options: { freeOnly: boolean }): string | undefined {
  if (filters.only && !filters.only.some((name) => namesProvider(name, endpoint))) return 'provider.only';
  if (filters.ignore?.some((name) => namesProvider(name, endpoint))) return 'provider.ignore';
  if (filters.orderOnly && !filters.orderOnly.some((name) => namesProvider(name, endpoint))) return 'provider.allow_fallbacks=false';
  if (filters.quantizations && !filters.quantizations.has(endpoint.entry.quantization ?? 'unknown')) {
    return `provider.quantizations (${endpoint.entry.quantization ?? 'unknown'})`;
  }
  const { prices } = endpoint;
  const max = filters.maxPrice;
  if (max) {
    if (max.prompt !== undefined && prices.prompt * 1_000_000n > max.prompt) return 'provider.max_price.prompt';
    if (max.completion !== undefined && prices.completion * 1_000_000n > max.completion) return 'provider.max_price.completion';
    if (max.request !== undefined && prices.request > max.request) return 'provider.max_price.request';
    if (max.image !== undefined && prices.image > max.image) return 'provider.max_price.image';
  }
  if (filters.requiredParameters) {
    const supported = endpoint.entry.supported_parameters;
    const missing = filters.requiredParameters.filter((name) => !supported.includes(name));
    if (missing.length > 0) return `provider.require_parameters (missing: ${missing.join(', ')})`;
  }
  if (options.freeOnly && (prices.prompt > 0n || prices.completion > 0n || prices.request > 0n)) return ':free (endpoint is not free)';
  return undefined;
}

/** A provider named by slug, display name (any case) or base slug of a variant (`deepinfra` → `deepinfra/turbo`). */
export function namesProvider(name: string, endpoint: ResolvedEndpoint): boolean {
  const wanted = name.toLowerCase();
  const { id, name: displayName } = endpoint.provider;
  return wanted === id || wanted === displayName.toLowerCase() || id.startsWith(`${wanted}/`);
}
