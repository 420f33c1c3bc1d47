import { endpointKey } from "./health/endpoint-health.js";
const DEFAULT_EXPECTED_COMPLETION = 500;
const PERFORMANCE_WINDOW_MS = 5 * 6e4;
const NO_MISSES = Object.freeze([]);
class DescribedCandidate {
  constructor(model, endpoint, key, stable, misses, features) {
    this.model = model;
    this.endpoint = endpoint;
    this.key = key;
    this.stable = stable;
    this.misses = misses;
    this.features = features;
  }
  model;
  endpoint;
  key;
  stable;
  misses;
  features;
  #cost;
  get cost() {
    if (this.#cost === void 0) {
      const { prices } = this.endpoint;
      const promptCost = prices.prompt === 0n ? 0 : Number(prices.prompt) * this.features.promptTokens();
      this.#cost = promptCost + Number(prices.completion) * this.features.expectedCompletionTokens + Number(prices.request);
    }
    return this.#cost;
  }
}
function describeCandidate(model, endpoint, context) {
  const { features, options } = context;
  const key = endpointKey(model.model.id, endpoint.provider.id);
  const { entry } = endpoint;
  let misses;
  if (features.wantsTools && !entry.supported_parameters.includes("tools")) (misses ??= []).push("tools");
  const maxOutput = entry.max_completion_tokens;
  if (features.maxTokens !== void 0 && maxOutput !== null && features.maxTokens > maxOutput) (misses ??= []).push("max_tokens");
  const contextLength = entry.context_length ?? model.model.context_length;
  if (contextLength !== null) {
    const reserved = features.maxTokens ?? 0;
    if (features.promptTokensUpperBound + reserved > contextLength && features.promptTokens() + reserved > contextLength) (misses ??= []).push("context_length");
  }
  if (options.preferredMinThroughput !== void 0 && belowThroughput(key, options)) (misses ??= []).push("throughput");
  if (options.preferredMaxLatency !== void 0 && aboveLatency(key, options)) (misses ??= []).push("latency");
  const stable = options.health.availability(key, options.now) !== "unstable";
  return new DescribedCandidate(model, endpoint, key, stable, misses ?? NO_MISSES, features);
}
function orderCandidates(candidates, options) {
  const groups = [[], [], []];
  for (const candidate of candidates) groups[!candidate.stable ? 2 : candidate.misses.length > 0 ? 1 : 0]?.push(candidate);
  const compare = comparator(options);
  const ordered = [];
  groups.forEach((group, index) => {
    group.sort(compare);
    if (index === 0 && !options.sort && !options.rankOf && group.length > 1) {
      const pick = weightedPick(group, options.random);
      if (pick > 0) group.unshift(...group.splice(pick, 1));
    }
    ordered.push(...group);
  });
  if (options.rankOf) {
    const rank = options.rankOf;
    ordered.sort((a, b) => rank(a.endpoint) - rank(b.endpoint));
  }
  return ordered;
}
function weightedPick(candidates, random) {
  const free = candidates.map((candidate, index) => candidate.cost <= 0 ? index : -1).filter((index) => index >= 0);
  if (free.length > 0) return free[Math.min(free.length - 1, Math.floor(random() * free.length))];
  const weights = candidates.map((candidate) => 1 / (candidate.cost * candidate.cost));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let target = random() * total;
  for (let i = 0; i < weights.length; i += 1) {
    target -= weights[i];
    if (target < 0) return i;
  }
  return weights.length - 1;
}
function comparator(options) {
  const by = options.sort?.by ?? "price";
  if (by === "price") return (a, b) => a.cost - b.cost;
  const metric = by === "throughput" ? "throughput" : "ttft";
  const value = (candidate) => options.health.percentile({ endpoint: candidate.key, metric, percentile: "p50", windowMs: PERFORMANCE_WINDOW_MS, now: options.now });
  return (a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === void 0 || vb === void 0) return va === vb ? a.cost - b.cost : va === void 0 ? 1 : -1;
    return by === "throughput" ? vb - va : va - vb;
  };
}
function thresholds(value) {
  if (typeof value === "number") return [["p50", value]];
  return Object.entries(value).filter((entry) => entry[1] !== void 0);
}
function belowThroughput(key, options) {
  return thresholds(options.preferredMinThroughput).some(([percentile, min]) => {
    const measured = options.health.percentile({ endpoint: key, metric: "throughput", percentile, windowMs: PERFORMANCE_WINDOW_MS, now: options.now });
    return measured !== void 0 && measured < min;
  });
}
function aboveLatency(key, options) {
  return thresholds(options.preferredMaxLatency).some(([percentile, maxSeconds]) => {
    const measured = options.health.percentile({ endpoint: key, metric: "ttft", percentile, windowMs: PERFORMANCE_WINDOW_MS, now: options.now });
    return measured !== void 0 && measured > maxSeconds * 1e3;
  });
}
export {
  DEFAULT_EXPECTED_COMPLETION,
  PERFORMANCE_WINDOW_MS,
  comparator,
  describeCandidate,
  orderCandidates,
  weightedPick
};
//# sourceMappingURL=select-endpoints.js.map
