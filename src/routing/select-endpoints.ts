import type { ResolvedEndpoint, ResolvedModel } from './catalog/resolved-catalog.js';
import type { EndpointHealth, Percentile } from './health/endpoint-health.js';
import { endpointKey } from './health/endpoint-health.js';
import type { SortPreference, Threshold } from './provider-preferences.js';

/** What selection needs to know about the request; prompt tokens are counted only if asked for. */
export interface RequestFeatures {
  /** Estimated prompt tokens (real tokenizer), memoised by the caller. */
  promptTokens(): number;
  /** A cheap upper bound of the prompt tokens (characters), to skip tokenizing when every context fits. */
  promptTokensUpperBound: number;
  /** `max_tokens` / `max_completion_tokens`, when set. */
  maxTokens: number | undefined;
  /** Completion tokens assumed when pricing a request: `maxTokens`, else DEFAULT_EXPECTED_COMPLETION. */
  expectedCompletionTokens: number;
  wantsTools: boolean;
}

/** Completion length assumed for the expected cost when the request sets no `max_tokens`. */
export const DEFAULT_EXPECTED_COMPLETION = 500;

/** Window of the latency / throughput percentiles used by `sort` and the `preferred_*` thresholds. */
export const PERFORMANCE_WINDOW_MS = 5 * 60_000;

/** One (model, endpoint) pair with what selection learned about it. */
export interface Candidate {
  readonly model: ResolvedModel;
  readonly endpoint: ResolvedEndpoint;
  /** Health key (endpointKey). */
  readonly key: string;
  /**
   * Expected cost of this request here, picodollars (a float: only used for ratios and order).
   * Computed on first read: it may tokenize the prompt, and a lone candidate is never compared.
   */
  readonly cost: number;
  readonly stable: boolean;
  /** Soft preferences this endpoint misses (`tools`, `max_tokens`, `context_length`, `throughput`, `latency`). */
  readonly misses: readonly string[];
}

const NO_MISSES: readonly string[] = Object.freeze([]);

/** A Candidate whose expected cost is priced only when selection compares it. */
class DescribedCandidate implements Candidate {
  #cost: number | undefined;

  constructor(
    readonly model: ResolvedModel,
    readonly endpoint: ResolvedEndpoint,
    readonly key: string,
    readonly stable: boolean,
    readonly misses: readonly string[],
    private readonly features: RequestFeatures,
  ) {}

  get cost(): number {
    if (this.#cost === undefined) {
      const { prices } = this.endpoint;
      const promptCost = prices.prompt === 0n ? 0 : Number(prices.prompt) * this.features.promptTokens();
      this.#cost = promptCost + Number(prices.completion) * this.features.expectedCompletionTokens + Number(prices.request);
    }
    return this.#cost;
  }
}

export interface SelectionOptions {
  health: EndpointHealth;
  now: number;
  /** Uniform in [0, 1); injected so tests are deterministic. */
  random: () => number;
  sort?: SortPreference;
  /** `provider.order`: position of the endpoint's provider in the list (unlisted: the list's length). */
  rankOf?: (endpoint: ResolvedEndpoint) => number;
  preferredMinThroughput?: Threshold;
  preferredMaxLatency?: Threshold;
}

/** Describes one endpoint for the request: expected cost, stability, soft-preference misses. */
export function describeCandidate(
  model: ResolvedModel,
  endpoint: ResolvedEndpoint,
  context: { features: RequestFeatures; options: SelectionOptions },
): Candidate {
  const { features, options } = context;
  const key = endpointKey(model.model.id, endpoint.provider.id);
  const { entry } = endpoint;
  let misses: string[] | undefined;
  if (features.wantsTools && !entry.supported_parameters.includes('tools')) (misses ??= []).push('tools');
  const maxOutput = entry.max_completion_tokens;
  if (features.maxTokens !== undefined && maxOutput !== null && features.maxTokens > maxOutput) (misses ??= []).push('max_tokens');
  const contextLength = entry.context_length ?? model.model.context_length;
  if (contextLength !== null) {
    const reserved = features.maxTokens ?? 0;
    if (features.promptTokensUpperBound + reserved > contextLength && features.promptTokens() + reserved > contextLength) (misses ??= []).push('context_length');
  }
  if (options.preferredMinThroughput !== undefined && belowThroughput(key, options)) (misses ??= []).push('throughput');
  if (options.preferredMaxLatency !== undefined && aboveLatency(key, options)) (misses ??= []).push('latency');
  const stable = options.health.availability(key, options.now) !== 'unstable';
  return new DescribedCandidate(model, endpoint, key, stable, misses ?? NO_MISSES, features);
}

/**
 * Orders candidates, best first. Groups, in this order: stable endpoints that meet every
 * soft preference, stable ones that miss some, then unstable ones (recent outage or open
 * circuit). Within the first group: with `provider.order`, listed providers lead in that
 * order; with a sort, strict sort order; otherwise one endpoint is drawn at random weighted
 * by 1/cost² and the rest follow cheapest first. Other groups are cheapest first (or sorted).
 * Finally, with `provider.order`, the listed providers move to the front in that order,
 * whatever their health: the caller named them.
 */
export function orderCandidates(candidates: Candidate[], options: SelectionOptions): Candidate[] {
  const groups: Candidate[][] = [[], [], []];
  for (const candidate of candidates) groups[!candidate.stable ? 2 : candidate.misses.length > 0 ? 1 : 0]?.push(candidate);
  const compare = comparator(options);
  const ordered: Candidate[] = [];
  groups.forEach((group, index) => {
    group.sort(compare);
    if (index === 0 && !options.sort && !options.rankOf && group.length > 1) {
      const pick = weightedPick(group, options.random);
      if (pick > 0) group.unshift(...group.splice(pick, 1));
    }
    ordered.push(...group);
  });
  if (options.rankOf) {
    // Listed providers lead regardless of group: the caller named them explicitly.
    const rank = options.rankOf;
    ordered.sort((a, b) => rank(a.endpoint) - rank(b.endpoint));
  }
  return ordered;
}

/** Index drawn with probability ∝ 1/cost² (free endpoints share all the weight when present). */
export function weightedPick(candidates: Candidate[], random: () => number): number {
  const free = candidates.map((candidate, index) => (candidate.cost <= 0 ? index : -1)).filter((index) => index >= 0);
  if (free.length > 0) return free[Math.min(free.length - 1, Math.floor(random() * free.length))] as number;
  const weights = candidates.map((candidate) => 1 / (candidate.cost * candidate.cost));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let target = random() * total;
  for (let i = 0; i < weights.length; i += 1) {
    target -= weights[i] as number;
    if (target < 0) return i;
  }
  return weights.length - 1;
}

/** Sort order inside a group: the request's sort, else cheapest first (stable: catalog order on ties). */
export function comparator(options: SelectionOptions): (a: Candidate, b: Candidate) => number {
  const by = options.sort?.by ?? 'price';
  if (by === 'price') return (a, b) => a.cost - b.cost;
  const metric = by === 'throughput' ? 'throughput' : 'ttft';
  const value = (candidate: Candidate) =>
    options.health.percentile({ endpoint: candidate.key, metric, percentile: 'p50', windowMs: PERFORMANCE_WINDOW_MS, now: options.now });
  return (a, b) => {
    const va = value(a);
    const vb = value(b);
    // Endpoints without measurements go after measured ones, cheapest first among themselves.
    if (va === undefined || vb === undefined) return va === vb ? a.cost - b.cost : va === undefined ? 1 : -1;
    return by === 'throughput' ? vb - va : va - vb;
  };
}

function thresholds(value: Threshold): Array<[Percentile, number]> {
  if (typeof value === 'number') return [['p50', value]];
  return (Object.entries(value) as Array<[Percentile, number | undefined]>).filter((entry): entry is [Percentile, number] => entry[1] !== undefined);
}

/** Measured throughput under any given percentile threshold (no data: not penalised). */
function belowThroughput(key: string, options: SelectionOptions): boolean {
  return thresholds(options.preferredMinThroughput as Threshold).some(([percentile, min]) => {
    const measured = options.health.percentile({ endpoint: key, metric: 'throughput', percentile, windowMs: PERFORMANCE_WINDOW_MS, now: options.now });
    return measured !== undefined && measured < min;
  });
}

/** Measured time to first token above any threshold (seconds, as OpenRouter takes them). */
function aboveLatency(key: string, options: SelectionOptions): boolean {
  return thresholds(options.preferredMaxLatency as Threshold).some(([percentile, maxSeconds]) => {
    const measured = options.health.percentile({ endpoint: key, metric: 'ttft', percentile, windowMs: PERFORMANCE_WINDOW_MS, now: options.now });
    return measured !== undefined && measured > maxSeconds * 1000;
  });
}
