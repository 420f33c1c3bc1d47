import { parseUsd } from "../core/money.js";
const ROUTABLE_PARAMETERS = [
  "temperature",
  "top_p",
  "top_k",
  "min_p",
  "top_a",
  "frequency_penalty",
  "presence_penalty",
  "repetition_penalty",
  "max_tokens",
  "logit_bias",
  "logprobs",
  "top_logprobs",
  "prediction",
  "seed",
  "response_format",
  "stop",
  "tools",
  "tool_choice",
  "parallel_tool_calls",
  "include_reasoning",
  "reasoning",
  "reasoning_effort",
  "web_search_options",
  "verbosity"
];
function readEndpointFilters(request) {
  const provider = request.provider ?? {};
  const filters = {};
  if (provider.only) filters.only = provider.only;
  if (provider.ignore) filters.ignore = provider.ignore;
  if (provider.allow_fallbacks === false && provider.order && provider.order.length > 0) filters.orderOnly = provider.order;
  if (provider.quantizations && provider.quantizations.length > 0) filters.quantizations = new Set(provider.quantizations);
  const max = provider.max_price;
  if (max) {
    const read = (value) => value === void 0 ? void 0 : parseUsd(value);
    filters.maxPrice = { prompt: read(max.prompt), completion: read(max.completion), request: read(max.request), image: read(max.image) };
  }
  if (provider.require_parameters === true) filters.requiredParameters = requestedParameters(request);
  return filters;
}
function requestedParameters(request) {
  const found = ROUTABLE_PARAMETERS.filter((name) => request[name] !== void 0 && request[name] !== null);
  if (request.max_completion_tokens !== void 0 && !found.includes("max_tokens")) found.push("max_tokens");
  return found;
}
function endpointExclusion(filters, endpoint, options) {
  if (filters.only && !filters.only.some((name) => namesProvider(name, endpoint))) return "provider.only";
  if (filters.ignore?.some((name) => namesProvider(name, endpoint))) return "provider.ignore";
  if (filters.orderOnly && !filters.orderOnly.some((name) => namesProvider(name, endpoint))) return "provider.allow_fallbacks=false";
  if (filters.quantizations && !filters.quantizations.has(endpoint.entry.quantization ?? "unknown")) {
    return `provider.quantizations (${endpoint.entry.quantization ?? "unknown"})`;
  }
  const { prices } = endpoint;
  const max = filters.maxPrice;
  if (max) {
    if (max.prompt !== void 0 && prices.prompt * 1000000n > max.prompt) return "provider.max_price.prompt";
    if (max.completion !== void 0 && prices.completion * 1000000n > max.completion) return "provider.max_price.completion";
    if (max.request !== void 0 && prices.request > max.request) return "provider.max_price.request";
    if (max.image !== void 0 && prices.image > max.image) return "provider.max_price.image";
  }
  if (filters.requiredParameters) {
    const supported = endpoint.entry.supported_parameters;
    const missing = filters.requiredParameters.filter((name) => !supported.includes(name));
    if (missing.length > 0) return `provider.require_parameters (missing: ${missing.join(", ")})`;
  }
  if (options.freeOnly && (prices.prompt > 0n || prices.completion > 0n || prices.request > 0n)) return ":free (endpoint is not free)";
  return void 0;
}
function namesProvider(name, endpoint) {
  const wanted = name.toLowerCase();
  const { id, name: displayName } = endpoint.provider;
  return wanted === id || wanted === displayName.toLowerCase() || id.startsWith(`${wanted}/`);
}
export {
  endpointExclusion,
  namesProvider,
  readEndpointFilters,
  requestedParameters
};
//# sourceMappingURL=exclude-endpoint.js.map
