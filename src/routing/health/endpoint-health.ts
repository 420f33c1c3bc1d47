/**
 * Per-endpoint health as routing sees it. Dispatch records one outcome per upstream attempt;
 * selection asks whether an endpoint is usable now; the endpoints listing and metrics read
 * stats. The in-memory implementation (memory-endpoint-health.ts) is one process's view; a
 * shared store (Redis) can implement the same interface later.
 */
export interface EndpointHealth {
  /** One call per upstream attempt. Must stay cheap: it runs on the request path. */
  record(attempt: AttemptRecord): void;
  /** A finished generation's completion tokens per second after the first byte. */
  recordThroughput(sample: { endpoint: string; tokensPerSecond: number; at: number }): void;
  /** Whether routing should treat the endpoint as stable right now (see EndpointAvailability). */
  availability(endpoint: string, now: number): EndpointAvailability;
  /** Rolling stats for listings and metrics; not for the hot path. */
  stats(endpoint: string, now: number): EndpointStats;
  /** A latency or throughput percentile over the last `windowMs`, or undefined without data (cached; hot-path safe). */
  percentile(options: { endpoint: string; metric: 'ttft' | 'throughput'; percentile: Percentile; windowMs: number; now: number }): number | undefined;
  /** Every endpoint with recorded data. */
  endpoints(): string[];
}

/**
 * `success`: the endpoint answered. `failure`: a retryable upstream fault (5xx, transport,
 * timeout, invalid response) — counts against uptime and the circuit breaker.
 * `rate_limited`: 429 — excluded from uptime (as OpenRouter does) but marks a recent outage.
 * `rejected`: the upstream refused the request itself (400, context length) — the endpoint is up.
 */
export type AttemptOutcome = 'success' | 'failure' | 'rate_limited' | 'rejected';

export interface AttemptRecord {
  /** endpointKey(model, provider). */
  endpoint: string;
  outcome: AttemptOutcome;
  /** ms since epoch, when the attempt ended (or got its first byte). */
  at: number;
  /** Time to the first byte / first stream event, for successes. */
  ttftMs?: number;
}

/**
 * `stable`: use normally. `unstable`: a significant outage in the last 30 s or an open
 * circuit — ordered last. `probe`: the circuit is half-open and this request carries the one
 * probe — treat as stable.
 */
export type EndpointAvailability = 'stable' | 'unstable' | 'probe';

export type BreakerState = 'closed' | 'open' | 'half_open';

export type Percentile = 'p50' | 'p75' | 'p90' | 'p99';

export interface Percentiles {
  p50: number;
  p75: number;
  p90: number;
  p99: number;
}

export interface EndpointStats {
  successes: number;
  failures: number;
  rateLimited: number;
  /** Percent successes / (successes + failures), null without data. */
  uptime5m: number | null;
  uptime30m: number | null;
  uptime1d: number | null;
  /** Time to first token, ms. */
  latency30m: Percentiles | null;
  /** Completion tokens per second. */
  throughput30m: Percentiles | null;
  breaker: BreakerState;
  /** OpenRouter's endpoint `status`: 0 normal, -1 degraded (recent outage), -2 down (open circuit). */
  status: number;
}

/** The key health is kept under: one per model × provider endpoint. */
export function endpointKey(modelId: string, providerId: string): string {
  return `${providerId}|${modelId}`;
}
