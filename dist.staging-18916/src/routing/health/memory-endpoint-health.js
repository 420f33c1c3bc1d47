const DEFAULT_HEALTH_POLICY = {
  outageWindowMs: 3e4,
  consecutiveFailures: 5,
  failureRatio: 0.5,
  ratioMinAttempts: 10,
  cooldownMs: 3e4,
  probeTimeoutMs: 3e4,
  samples: 512
};
const SECOND_SLOTS = 64;
const MINUTE_SLOTS = 24 * 60;
const RATIO_WINDOW_S = 60;
const PERCENTILE_CACHE_MS = 1e3;
class CountRing {
  #stamp;
  ok;
  fail;
  constructor(slots) {
    this.#stamp = new Int32Array(slots).fill(-1);
    this.ok = new Uint32Array(slots);
    this.fail = new Uint32Array(slots);
  }
  /** The slot of time unit `unit`, cleared first when it still holds an older unit. */
  slot(unit) {
    const i = unit % this.#stamp.length;
    if (this.#stamp[i] !== unit) {
      this.#stamp[i] = unit;
      this.ok[i] = 0;
      this.fail[i] = 0;
    }
    return i;
  }
  /** Counts of the last `units` time units up to and including `unit`. */
  sum(unit, units) {
    let ok = 0;
    let fail = 0;
    for (let i = 0; i < this.#stamp.length; i += 1) {
      const stamp = this.#stamp[i];
      if (stamp >= 0 && unit - stamp < units && stamp <= unit) {
        ok += this.ok[i];
        fail += this.fail[i];
      }
    }
    return { ok, fail };
  }
}
class EndpointRecord {
  seconds = new CountRing(SECOND_SLOTS);
  minutes = new CountRing(MINUTE_SLOTS);
  successes = 0;
  failures = 0;
  rateLimited = 0;
  consecutive = 0;
  breaker = "closed";
  openedAt = 0;
  probeAt;
  ttft;
  throughput;
  constructor(samples) {
    this.ttft = new SampleRing(samples);
    this.throughput = new SampleRing(samples);
  }
}
class SampleRing {
  #values;
  #times;
  #next = 0;
  #size = 0;
  #cache = /* @__PURE__ */ new Map();
  constructor(capacity) {
    this.#values = new Float64Array(capacity);
    this.#times = new Float64Array(capacity);
  }
  add(value, at) {
    this.#values[this.#next] = value;
    this.#times[this.#next] = at;
    this.#next = (this.#next + 1) % this.#values.length;
    this.#size = Math.min(this.#size + 1, this.#values.length);
  }
  /** Sorted values of the last `windowMs`. */
  sorted(windowMs, now) {
    const cached = this.#cache.get(windowMs);
    if (cached && now - cached.at < PERCENTILE_CACHE_MS && now >= cached.at) return cached.sorted;
    const values = [];
    for (let i = 0; i < this.#size; i += 1) {
      if (now - this.#times[i] <= windowMs) values.push(this.#values[i]);
    }
    values.sort((a, b) => a - b);
    this.#cache.set(windowMs, { at: now, sorted: values });
    return values;
  }
  invalidate() {
    this.#cache.clear();
  }
}
class MemoryEndpointHealth {
  #records = /* @__PURE__ */ new Map();
  #policy;
  constructor(policy = {}) {
    this.#policy = { ...DEFAULT_HEALTH_POLICY, ...policy };
  }
  record(attempt) {
    const record = this.#recordFor(attempt.endpoint);
    const { outcome, at } = attempt;
    const second = Math.floor(at / 1e3);
    const minute = Math.floor(at / 6e4);
    const s = record.seconds.slot(second);
    const m = record.minutes.slot(minute);
    if (outcome === "success" || outcome === "rejected") {
      if (outcome === "success") record.successes += 1;
      record.seconds.ok[s] += 1;
      record.minutes.ok[m] += 1;
      record.consecutive = 0;
      if (record.breaker !== "closed") {
        record.breaker = "closed";
        record.probeAt = void 0;
      }
      if (attempt.ttftMs !== void 0) {
        record.ttft.add(attempt.ttftMs, at);
        record.ttft.invalidate();
      }
      return;
    }
    record.seconds.fail[s] += 1;
    if (outcome === "rate_limited") {
      record.rateLimited += 1;
      return;
    }
    record.failures += 1;
    record.minutes.fail[m] += 1;
    record.consecutive += 1;
    if (record.breaker === "half_open" || this.#shouldOpen(record, second)) {
      record.breaker = "open";
      record.openedAt = at;
      record.probeAt = void 0;
    }
  }
  recordThroughput(sample) {
    if (!Number.isFinite(sample.tokensPerSecond) || sample.tokensPerSecond <= 0) return;
    const record = this.#recordFor(sample.endpoint);
    record.throughput.add(sample.tokensPerSecond, sample.at);
    record.throughput.invalidate();
  }
  availability(endpoint, now) {
    const record = this.#records.get(endpoint);
    if (!record) return "stable";
    if (record.breaker !== "closed") {
      if (now - record.openedAt < this.#policy.cooldownMs) return "unstable";
      record.breaker = "half_open";
      if (record.probeAt === void 0 || now - record.probeAt >= this.#policy.probeTimeoutMs) {
        record.probeAt = now;
        return "probe";
      }
      return "unstable";
    }
    const { ok, fail } = record.seconds.sum(Math.floor(now / 1e3), this.#policy.outageWindowMs / 1e3);
    return fail > 0 && fail >= ok ? "unstable" : "stable";
  }
  stats(endpoint, now) {
    const record = this.#records.get(endpoint);
    if (!record) {
      return { successes: 0, failures: 0, rateLimited: 0, uptime5m: null, uptime30m: null, uptime1d: null, latency30m: null, throughput30m: null, breaker: "closed", status: 0 };
    }
    const minute = Math.floor(now / 6e4);
    const breaker = record.breaker !== "closed" && now - record.openedAt >= this.#policy.cooldownMs ? "half_open" : record.breaker;
    const { ok, fail } = record.seconds.sum(Math.floor(now / 1e3), this.#policy.outageWindowMs / 1e3);
    return {
      successes: record.successes,
      failures: record.failures,
      rateLimited: record.rateLimited,
      uptime5m: this.#uptime(record, minute, 5),
      uptime30m: this.#uptime(record, minute, 30),
      uptime1d: this.#uptime(record, minute, MINUTE_SLOTS),
      latency30m: percentiles(record.ttft.sorted(30 * 6e4, now)),
      throughput30m: percentiles(record.throughput.sorted(30 * 6e4, now)),
      breaker,
      status: breaker === "open" ? -2 : breaker === "half_open" || fail > 0 && fail >= ok ? -1 : 0
    };
  }
  percentile(options) {
    const record = this.#records.get(options.endpoint);
    if (!record) return void 0;
    const sorted = (options.metric === "ttft" ? record.ttft : record.throughput).sorted(options.windowMs, options.now);
    return sorted.length === 0 ? void 0 : pick(sorted, PERCENTILE_RANKS[options.percentile]);
  }
  endpoints() {
    return [...this.#records.keys()];
  }
  #recordFor(endpoint) {
    let record = this.#records.get(endpoint);
    if (!record) {
      record = new EndpointRecord(this.#policy.samples);
      this.#records.set(endpoint, record);
    }
    return record;
  }
  #shouldOpen(record, second) {
    if (record.consecutive >= this.#policy.consecutiveFailures) return true;
    const { ok, fail } = record.seconds.sum(second, RATIO_WINDOW_S);
    return ok + fail >= this.#policy.ratioMinAttempts && fail / (ok + fail) >= this.#policy.failureRatio;
  }
  /** Percentage of successes (rate limits not counted) in the last `minutes` minutes; null without data. */
  #uptime(record, minute, minutes) {
    const { ok, fail } = record.minutes.sum(minute, minutes);
    return ok + fail === 0 ? null : Math.round(ok / (ok + fail) * 1e4) / 100;
  }
}
const PERCENTILE_RANKS = { p50: 0.5, p75: 0.75, p90: 0.9, p99: 0.99 };
function pick(sorted, rank) {
  return sorted[Math.min(sorted.length - 1, Math.floor(rank * sorted.length))];
}
function percentiles(sorted) {
  if (sorted.length === 0) return null;
  return { p50: pick(sorted, 0.5), p75: pick(sorted, 0.75), p90: pick(sorted, 0.9), p99: pick(sorted, 0.99) };
}
export {
  DEFAULT_HEALTH_POLICY,
  MemoryEndpointHealth
};
//# sourceMappingURL=memory-endpoint-health.js.map
