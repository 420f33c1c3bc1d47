import type {
  AttemptRecord,
  BreakerState,
  EndpointAvailability,
  EndpointHealth,
  EndpointStats,
  Percentile,
  Percentiles,
} from './endpoint-health.js';

/** Tunables of outage detection and the circuit breaker; defaults in DEFAULT_HEALTH_POLICY. */
export interface HealthPolicy {
  /** An endpoint with failures in this window (and no more successes than failures) is unstable. */
  outageWindowMs: number;
  /** Open the circuit after this many failures in a row… */
  consecutiveFailures: number;
  /** …or when failures are at least `failureRatio` of ≥ `ratioMinAttempts` attempts in the last 60 s. */
  failureRatio: number;
  ratioMinAttempts: number;
  /** How long an open circuit stays open before one probe is let through. */
  cooldownMs: number;
  /** A probe that never reported back frees the slot after this long. */
  probeTimeoutMs: number;
  /** Latency / throughput samples kept per endpoint (a ring: memory is bounded). */
  samples: number;
}

export const DEFAULT_HEALTH_POLICY: HealthPolicy = {
  outageWindowMs: 30_000,
  consecutiveFailures: 5,
  failureRatio: 0.5,
  ratioMinAttempts: 10,
  cooldownMs: 30_000,
  probeTimeoutMs: 30_000,
  samples: 512,
};

const SECOND_SLOTS = 64;
const MINUTE_SLOTS = 24 * 60;
const RATIO_WINDOW_S = 60;
const PERCENTILE_CACHE_MS = 1000;

/** Successes and failures per time unit (a second or a minute) in a fixed ring of slots. */
class CountRing {
  readonly #stamp: Int32Array;
  readonly ok: Uint32Array;
  readonly fail: Uint32Array;

  constructor(slots: number) {
    this.#stamp = new Int32Array(slots).fill(-1);
    this.ok = new Uint32Array(slots);
    this.fail = new Uint32Array(slots);
  }

  /** The slot of time unit `unit`, cleared first when it still holds an older unit. */
  slot(unit: number): number {
    const i = unit % this.#stamp.length;
    if (this.#stamp[i] !== unit) {
      this.#stamp[i] = unit;
      this.ok[i] = 0;
      this.fail[i] = 0;
    }
    return i;
  }

  /** Counts of the last `units` time units up to and including `unit`. */
  sum(unit: number, units: number): { ok: number; fail: number } {
    let ok = 0;
    let fail = 0;
    for (let i = 0; i < this.#stamp.length; i += 1) {
      const stamp = this.#stamp[i] as number;
      if (stamp >= 0 && unit - stamp < units && stamp <= unit) {
        ok += this.ok[i] as number;
        fail += this.fail[i] as number;
      }
    }
    return { ok, fail };
  }
}

/** Rolling counters in fixed rings (per second for the last minute, per minute for a day). */
class EndpointRecord {
  readonly seconds = new CountRing(SECOND_SLOTS);
  readonly minutes = new CountRing(MINUTE_SLOTS);
  successes = 0;
  failures = 0;
  rateLimited = 0;
  consecutive = 0;
  breaker: BreakerState = 'closed';
  openedAt = 0;
  probeAt: number | undefined;
  readonly ttft: SampleRing;
  readonly throughput: SampleRing;

  constructor(samples: number) {
    this.ttft = new SampleRing(samples);
    this.throughput = new SampleRing(samples);
  }
}

/** Timestamped samples in a ring; percentiles over a time window, cached for a second. */
class SampleRing {
  readonly #values: Float64Array;
  readonly #times: Float64Array;
  #next = 0;
  #size = 0;
  /**
   * Sorted windows by width, valid while `version` is the ring's; every sample bumps it. A version
   * rather than clearing the map per sample: every clear gives a Map a new hash table, and the
   * replaced one keeps its entries and a link to its successor until a full GC (see
   * InFlightRequests); once a full GC had promoted one table the chain kept every later one alive.
   */
  readonly #cache = new Map<number, { at: number; version: number; sorted: number[] }>();
  #version = 0;

  constructor(capacity: number) {
    this.#values = new Float64Array(capacity);
    this.#times = new Float64Array(capacity);
  }

  add(value: number, at: number): void {
    this.#values[this.#next] = value;
    this.#times[this.#next] = at;
    this.#next = (this.#next + 1) % this.#values.length;
    this.#size = Math.min(this.#size + 1, this.#values.length);
    this.#version += 1;
  }

  /** Sorted values of the last `windowMs`. */
  sorted(windowMs: number, now: number): number[] {
    const cached = this.#cache.get(windowMs);
    if (cached && cached.version === this.#version && now - cached.at < PERCENTILE_CACHE_MS && now >= cached.at) return cached.sorted;
    const values: number[] = [];
    for (let i = 0; i < this.#size; i += 1) {
      if (now - (this.#times[i] as number) <= windowMs) values.push(this.#values[i] as number);
    }
    values.sort((a, b) => a - b);
    this.#cache.set(windowMs, { at: now, version: this.#version, sorted: values });
    return values;
  }
}

/**
 * In-memory EndpointHealth: counters in per-second and per-minute rings, latency and
 * throughput samples in bounded rings, and a circuit breaker per endpoint
 * (closed → open after consecutive or ratio failures → half-open after the cooldown, one
 * probe at a time → closed on success, open again on failure).
 */
export class MemoryEndpointHealth implements EndpointHealth {
  readonly #records = new Map<string, EndpointRecord>();
  readonly #policy: HealthPolicy;

  constructor(policy: Partial<HealthPolicy> = {}) {
    this.#policy = { ...DEFAULT_HEALTH_POLICY, ...policy };
  }

  record(attempt: AttemptRecord): void {
    const record = this.#recordFor(attempt.endpoint);
    const { outcome, at } = attempt;
    const second = Math.floor(at / 1000);
    const minute = Math.floor(at / 60_000);
    const s = record.seconds.slot(second);
    const m = record.minutes.slot(minute);
    if (outcome === 'success' || outcome === 'rejected') {
      if (outcome === 'success') record.successes += 1;
      (record.seconds.ok[s] as number) += 1;
      (record.minutes.ok[m] as number) += 1;
      record.consecutive = 0;
      if (record.breaker !== 'closed') {
        record.breaker = 'closed';
        record.probeAt = undefined;
      }
      if (attempt.ttftMs !== undefined) record.ttft.add(attempt.ttftMs, at);
      return;
    }
    (record.seconds.fail[s] as number) += 1;
    if (outcome === 'rate_limited') {
      record.rateLimited += 1;
      return;
    }
    record.failures += 1;
    (record.minutes.fail[m] as number) += 1;
    record.consecutive += 1;
    if (record.breaker === 'half_open' || this.#shouldOpen(record, second)) {
      record.breaker = 'open';
      record.openedAt = at;
      record.probeAt = undefined;
    }
  }

  recordThroughput(sample: { endpoint: string; tokensPerSecond: number; at: number }): void {
    if (!Number.isFinite(sample.tokensPerSecond) || sample.tokensPerSecond <= 0) return;
    const record = this.#recordFor(sample.endpoint);
    record.throughput.add(sample.tokensPerSecond, sample.at);
  }

  availability(endpoint: string, now: number): EndpointAvailability {
    const record = this.#records.get(endpoint);
    if (!record) return 'stable';
    if (record.breaker !== 'closed') {
      if (now - record.openedAt < this.#policy.cooldownMs) return 'unstable';
      record.breaker = 'half_open';
      if (record.probeAt === undefined || now - record.probeAt >= this.#policy.probeTimeoutMs) {
        record.probeAt = now;
        return 'probe';
      }
      return 'unstable';
    }
    const { ok, fail } = record.seconds.sum(Math.floor(now / 1000), this.#policy.outageWindowMs / 1000);
    return fail > 0 && fail >= ok ? 'unstable' : 'stable';
  }

  stats(endpoint: string, now: number): EndpointStats {
    const record = this.#records.get(endpoint);
    if (!record) {
      return { successes: 0, failures: 0, rateLimited: 0, uptime5m: null, uptime30m: null, uptime1d: null, latency30m: null, throughput30m: null, breaker: 'closed', status: 0 };
    }
    const minute = Math.floor(now / 60_000);
    const breaker = record.breaker !== 'closed' && now - record.openedAt >= this.#policy.cooldownMs ? 'half_open' : record.breaker;
    const { ok, fail } = record.seconds.sum(Math.floor(now / 1000), this.#policy.outageWindowMs / 1000);
    return {
      successes: record.successes,
      failures: record.failures,
      rateLimited: record.rateLimited,
      uptime5m: this.#uptime(record, minute, 5),
      uptime30m: this.#uptime(record, minute, 30),
      uptime1d: this.#uptime(record, minute, MINUTE_SLOTS),
      latency30m: percentiles(record.ttft.sorted(30 * 60_000, now)),
      throughput30m: percentiles(record.throughput.sorted(30 * 60_000, now)),
      breaker,
      status: breaker === 'open' ? -2 : breaker === 'half_open' || (fail > 0 && fail >= ok) ? -1 : 0,
    };
  }

  percentile(options: { endpoint: string; metric: 'ttft' | 'throughput'; percentile: Percentile; windowMs: number; now: number }): number | undefined {
    const record = this.#records.get(options.endpoint);
    if (!record) return undefined;
    const sorted = (options.metric === 'ttft' ? record.ttft : record.throughput).sorted(options.windowMs, options.now);
    return sorted.length === 0 ? undefined : pick(sorted, PERCENTILE_RANKS[options.percentile]);
  }

  endpoints(): string[] {
    return [...this.#records.keys()];
  }

  #recordFor(endpoint: string): EndpointRecord {
    let record = this.#records.get(endpoint);
    if (!record) {
      record = new EndpointRecord(this.#policy.samples);
      this.#records.set(endpoint, record);
    }
    return record;
  }

  #shouldOpen(record: EndpointRecord, second: number): boolean {
    if (record.consecutive >= this.#policy.consecutiveFailures) return true;
    const { ok, fail } = record.seconds.sum(second, RATIO_WINDOW_S);
    return ok + fail >= this.#policy.ratioMinAttempts && fail / (ok + fail) >= this.#policy.failureRatio;
  }

  /** Percentage of successes (rate limits not counted) in the last `minutes` minutes; null without data. */
  #uptime(record: EndpointRecord, minute: number, minutes: number): number | null {
    const { ok, fail } = record.minutes.sum(minute, minutes);
    return ok + fail === 0 ? null : Math.round((ok / (ok + fail)) * 10_000) / 100;
  }
}

const PERCENTILE_RANKS: Record<Percentile, number> = { p50: 0.5, p75: 0.75, p90: 0.9, p99: 0.99 };

function pick(sorted: number[], rank: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(rank * sorted.length))] as number;
}

function percentiles(sorted: number[]): Percentiles | null {
  if (sorted.length === 0) return null;
  return { p50: pick(sorted, 0.5), p75: pick(sorted, 0.75), p90: pick(sorted, 0.9), p99: pick(sorted, 0.99) };
}
