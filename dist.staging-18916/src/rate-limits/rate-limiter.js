import { randomBytes } from "node:crypto";
import { estimatePromptTokens } from "../core/estimate-tokens.js";
import { parseUsd } from "../core/money.js";
import { GatewayError } from "../core/errors/gateway-error.js";
const MINUTE_MS = 6e4;
const DAY_MS = 864e5;
const NOTHING_HELD = { releaseSlot() {
}, settle() {
} };
class RateLimiter {
  #store;
  #overrides;
  #config;
  #credits;
  #now;
  #leaseTtlMs;
  #creditsThreshold;
  #leasePrefix = randomBytes(6).toString("hex");
  #leaseCounter = 0;
  constructor(options) {
    this.#store = options.store;
    this.#overrides = options.overrides;
    this.#config = options.config;
    this.#credits = options.credits;
    this.#leaseTtlMs = options.leaseTtlMs;
    this.#now = options.now ?? Date.now;
    this.#creditsThreshold = parseUsd(String(options.config.free_models.credits_threshold));
  }
  /** Admits the request or throws a 429 `rate_limited` with Retry-After and X-RateLimit-* headers. */
  async admit(options) {
    const { key, request } = options;
    const checks = this.#checks(key, request);
    if (checks.length === 0) return NOTHING_HELD;
    const windows = [];
    const slots = [];
    for (const check of checks) {
      if (check.window) windows.push(check.window);
      if (check.slot) slots.push(check.slot);
    }
    const now = this.#now();
    const result = await this.#store.admit({ windows, slots, now });
    if (!result.admitted) {
      const list = result.blocked.kind === "window" ? checks.filter((check) => check.window) : checks.filter((check) => check.slot);
      const blocking = list[result.blocked.index];
      const limit = blocking.window?.limit ?? blocking.slot?.limit ?? 0;
      throw rateLimitError({ message: blocking.describe(limit, blocking.window?.cost ?? 1), limit, remaining: result.remaining, retryAt: result.retryAt, now });
    }
    return this.#admission({ slots, charged: result.charged, windows });
  }
  /**
   * The workspace's `:free` daily allowance as `/api/v1/key` reports it: the configured limit (the
   * higher one once enough credits were ever added) and what today's UTC day has used. Read by
   * probing the counter with a charge larger than the limit, which the store never admits and
   * which changes nothing (RateLimitStore.admit), so no store needs a read method for it.
   */
  async freeDailyUsage(workspaceId) {
    const free = this.#config.free_models;
    const limit = this.#credits.totalCreditsAddedPico(workspaceId) >= this.#creditsThreshold ? free.requests_per_day_with_credits : free.requests_per_day;
    const probe = await this.#store.admit({
      windows: [{ id: `free-day:${workspaceId}`, limit, cost: limit + 1, windowMs: DAY_MS, mode: "fixed" }],
      slots: [],
      now: this.#now()
    });
    const remaining = probe.admitted ? limit : Math.max(0, Math.min(limit, probe.remaining));
    return { limit, used: limit - remaining, remaining };
  }
  #checks(key, request) {
    const checks = [];
    const overrides = this.#overrides.get(key.hash);
    const rpm = effective(overrides?.requestsPerMinute, this.#config.requests_per_minute);
    const tpm = effective(overrides?.tokensPerMinute, this.#config.tokens_per_minute);
    const concurrent = effective(overrides?.concurrentRequests, this.#config.concurrent_requests);
    if (rpm > 0) {
      checks.push({
        window: { id: `rpm:${key.hash}`, limit: rpm, cost: 1, windowMs: MINUTE_MS, mode: "sliding" },
        describe: (limit) => `Rate limit exceeded: requests-per-minute. This key may make ${limit} requests per minute.`
      });
    }
    if (tpm > 0) {
      const cost = estimatePromptTokens(request) + (request.max_tokens ?? request.max_completion_tokens ?? 0);
      checks.push({
        window: { id: `tpm:${key.hash}`, limit: tpm, cost, windowMs: MINUTE_MS, mode: "sliding" },
        describe: (limit, tokens) => tokens > limit ? `Request too large for this key's tokens-per-minute limit: it needs about ${tokens} tokens (prompt + max_tokens), the limit is ${limit}.` : `Rate limit exceeded: tokens-per-minute. This key may use ${limit} tokens per minute; this request needs about ${tokens}.`
      });
    }
    if (isFreeVariant(request)) {
      const free = this.#config.free_models;
      const highBalance = this.#credits.totalCreditsAddedPico(key.workspaceId) >= this.#creditsThreshold;
      checks.push({
        window: { id: `free-min:${key.workspaceId}`, limit: free.requests_per_minute, cost: 1, windowMs: MINUTE_MS, mode: "sliding" },
        describe: () => "Rate limit exceeded: free-models-per-min."
      });
      checks.push({
        window: {
          id: `free-day:${key.workspaceId}`,
          limit: highBalance ? free.requests_per_day_with_credits : free.requests_per_day,
          cost: 1,
          windowMs: DAY_MS,
          mode: "fixed"
        },
        describe: () => highBalance ? "Rate limit exceeded: free-models-per-day-high-balance." : `Rate limit exceeded: free-models-per-day. Add ${free.credits_threshold} credits to unlock ${free.requests_per_day_with_credits} free model requests per day`
      });
    }
    if (concurrent > 0) {
      this.#leaseCounter += 1;
      checks.push({
        slot: { id: `conc:${key.hash}`, limit: concurrent, leaseId: `${this.#leasePrefix}-${this.#leaseCounter}`, ttlMs: this.#leaseTtlMs },
        describe: (limit) => `Rate limit exceeded: concurrent-requests. This key may have ${limit} requests in flight at once.`
      });
    }
    return checks;
  }
  #admission(options) {
    const { slots, charged, windows } = options;
    let slotHeld = slots.length > 0;
    let settled = false;
    const store = this.#store;
    const releaseSlot = () => {
      if (!slotHeld) return;
      slotHeld = false;
      void store.release(slots.map(({ id, leaseId }) => ({ id, leaseId })));
    };
    return {
      releaseSlot,
      settle(tokens) {
        releaseSlot();
        if (settled) return;
        settled = true;
        const index = windows.findIndex((window2) => window2.id.startsWith("tpm:"));
        const window = charged[index];
        if (index < 0 || !window) return;
        const used = tokens.promptTokens + tokens.completionTokens;
        const delta = used - windows[index].cost;
        if (delta !== 0) void store.adjust(window, delta);
      }
    };
  }
}
function effective(override, fallback) {
  return override ?? fallback ?? 0;
}
function isFreeVariant(request) {
  if (request.model?.endsWith(":free")) return true;
  return request.models?.some((model) => model.endsWith(":free")) ?? false;
}
function rateLimitError(options) {
  const { message, limit, remaining, retryAt, now } = options;
  const finite = Number.isFinite(retryAt);
  const retryAfterSeconds = finite ? Math.max(1, Math.ceil((retryAt - now) / 1e3)) : void 0;
  const headers = {
    "X-RateLimit-Limit": String(limit),
    "X-RateLimit-Remaining": String(remaining),
    // Epoch milliseconds, as OpenRouter's platform 429s carry it.
    "X-RateLimit-Reset": String(finite ? retryAt : now + MINUTE_MS)
  };
  return new GatewayError("rate_limited", { message, retryAfterSeconds, metadata: { headers } });
}
export {
  RateLimiter
};
//# sourceMappingURL=rate-limiter.js.map
