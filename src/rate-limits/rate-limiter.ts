import { thenOrNow } from '../core/then-or-now.js';
import { withTokenizer } from '../core/token-counter.js';
import { randomBytes } from 'node:crypto';
import { estimatePromptTokens } from '../core/estimate-tokens.js';
import { parseUsd } from '../core/money.js';
import type { RateLimitsConfig } from '../config/config-schema.js';
import type { ChatRequest } from '../core/canonical/chat-request.js';
import type { TokenCounts } from '../core/canonical/usage.js';
import { GatewayError } from '../core/errors/gateway-error.js';
import type { ApiKeyRecord } from '../stores/key-store.js';
import type { ChargedWindow, RateLimitStore, SlotClaim, WindowCharge } from '../stores/rate-limit-store.js';
import type { CreditsHistory } from './credits-history.js';
import type { KeyRateLimitRegistry } from './key-rate-limit-registry.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** What a request holds after admission; settle it exactly once (further calls do nothing). */
export interface RateLimitAdmission {
  /** Frees the concurrency slot; safe to call from any path, any number of times. */
  releaseSlot(): void;
  /** Frees the slot and corrects the tokens-per-minute charge to what the request really used. */
  settle(tokens: TokenCounts): void;
}

const NOTHING_HELD: RateLimitAdmission = { releaseSlot() {}, settle() {} };

export type LimitName = 'requests_per_minute' | 'tokens_per_minute' | 'concurrent_requests';

/** A key's limits (0 = none) and what the store holds against each right now. */
export type KeyLimitsUsage = { key: ApiKeyRecord } & Record<LimitName, { limit: number; used: number }>;

/** One check of a request, with what to tell the client when it is the one that refuses. */
interface Check {
  window?: WindowCharge;
  slot?: SlotClaim;
  describe(limit: number, cost: number): string;
}

/**
 * Per-key requests/min, tokens/min and concurrent-request caps, and OpenRouter's limits for
 * `:free` model variants (per workspace: per minute, and per UTC day with a higher allowance
 * once credits were added). All checks of a request go to the RateLimitStore in one atomic
 * call. Keys without limits asking for non-free models return without touching the store.
 */
export class RateLimiter {
  readonly #store: RateLimitStore;
  readonly #overrides: KeyRateLimitRegistry;
  readonly #config: RateLimitsConfig;
  readonly #credits: CreditsHistory;
  readonly #now: () => number;
  readonly #leaseTtlMs: number;
  readonly #creditsThreshold: bigint;
  readonly #leasePrefix = randomBytes(6).toString('hex');
  #leaseCounter = 0;

  constructor(options: {
    store: RateLimitStore;
    overrides: KeyRateLimitRegistry;
    config: RateLimitsConfig;
    credits: CreditsHistory;
    /** How long an unreleased concurrency slot may be held (longer than any request can last). */
    leaseTtlMs: number;
    now?: () => number;
  }) {
    this.#store = options.store;
    this.#overrides = options.overrides;
    this.#config = options.config;
    this.#credits = options.credits;
    this.#leaseTtlMs = options.leaseTtlMs;
    this.#now = options.now ?? Date.now;
    this.#creditsThreshold = parseUsd(String(options.config.free_models.credits_threshold));
  }

  /**
   * Admits the request or refuses it with a 429 `rate_limited` (Retry-After and X-RateLimit-* headers).
   * A request with nothing to check (no limits on the key, not a `:free` model) is admitted at once,
   * without a promise; otherwise the answer comes from the store.
   */
  admit(options: { key: ApiKeyRecord; request: ChatRequest }): RateLimitAdmission | Promise<RateLimitAdmission> {
    const { key, request } = options;
    // A tokens-per-minute limit counts the prompt: loaded first if the tokenizer is not yet.
    return thenOrNow(withTokenizer(() => this.#checks(key, request)), (checks) => (checks.length === 0 ? NOTHING_HELD : this.#admitChecks(checks)));
  }

  async #admitChecks(checks: Check[]): Promise<RateLimitAdmission> {
    if (checks.length === 0) return NOTHING_HELD;
    const windows: WindowCharge[] = [];
    const slots: SlotClaim[] = [];
    for (const check of checks) {
      if (check.window) windows.push(check.window);
      if (check.slot) slots.push(check.slot);
    }
    const now = this.#now();
    const result = await this.#store.admit({ windows, slots, now });
    if (!result.admitted) {
      const list = result.blocked.kind === 'window' ? checks.filter((check) => check.window) : checks.filter((check) => check.slot);
      const blocking = list[result.blocked.index] as Check;
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
  async freeDailyUsage(workspaceId: string): Promise<{ limit: number; used: number; remaining: number }> {
    const free = this.#config.free_models;
    const limit = this.#credits.totalCreditsAddedPico(workspaceId) >= this.#creditsThreshold ? free.requests_per_day_with_credits : free.requests_per_day;
    const probe = await this.#store.admit({
      windows: [{ id: `free-day:${workspaceId}`, limit, cost: limit + 1, windowMs: DAY_MS, mode: 'fixed' }],
      slots: [],
      now: this.#now(),
    });
    const remaining = probe.admitted ? limit : Math.max(0, Math.min(limit, probe.remaining));
    return { limit, used: limit - remaining, remaining };
  }

  /**
   * Each key's effective per-minute and concurrency limits (0 = none) with what the shared store
   * holds against them now, and the 429s each limit caused over the last day (per
   * REFUSAL_BUCKET_MS). For the dashboard: one store read for all keys, off the request path.
   */
  async keyLimitsUsage(keys: ApiKeyRecord[]): Promise<{ keys: KeyLimitsUsage[]; refusals: Array<{ keyHash: string; limit: LimitName; bucketStart: number; count: number }> }> {
    const now = this.#now();
    const limits = keys.map((key) => {
      const overrides = this.#overrides.get(key.hash);
      return {
        requests_per_minute: effective(overrides?.requestsPerMinute, this.#config.requests_per_minute),
        tokens_per_minute: effective(overrides?.tokensPerMinute, this.#config.tokens_per_minute),
        concurrent_requests: effective(overrides?.concurrentRequests, this.#config.concurrent_requests),
      };
    });
    const windows = keys.flatMap((key) => [
      { id: `rpm:${key.hash}`, windowMs: MINUTE_MS, mode: 'sliding' as const },
      { id: `tpm:${key.hash}`, windowMs: MINUTE_MS, mode: 'sliding' as const },
    ]);
    const slots = keys.map((key) => `conc:${key.hash}`);
    const [usage, refused] = await Promise.all([
      this.#store.usage({ windows, slots, now }),
      this.#store.refusals({ ids: [...windows.map((window) => window.id), ...slots], now }),
    ]);
    const limitOf: Record<string, LimitName> = { rpm: 'requests_per_minute', tpm: 'tokens_per_minute', conc: 'concurrent_requests' };
    return {
      keys: keys.map((key, index) => ({
        key,
        requests_per_minute: { limit: limits[index]!.requests_per_minute, used: Math.round(usage.windows[index * 2]!) },
        tokens_per_minute: { limit: limits[index]!.tokens_per_minute, used: Math.round(usage.windows[index * 2 + 1]!) },
        concurrent_requests: { limit: limits[index]!.concurrent_requests, used: usage.slots[index]! },
      })),
      refusals: refused.map((row) => {
        const separator = row.id.indexOf(':');
        return { keyHash: row.id.slice(separator + 1), limit: limitOf[row.id.slice(0, separator)]!, bucketStart: row.bucketStart, count: row.count };
      }),
    };
  }

  #checks(key: ApiKeyRecord, request: ChatRequest): Check[] {
    const checks: Check[] = [];
    const overrides = this.#overrides.get(key.hash);
    const rpm = effective(overrides?.requestsPerMinute, this.#config.requests_per_minute);
    const tpm = effective(overrides?.tokensPerMinute, this.#config.tokens_per_minute);
    const concurrent = effective(overrides?.concurrentRequests, this.#config.concurrent_requests);
    if (rpm > 0) {
      checks.push({
        window: { id: `rpm:${key.hash}`, limit: rpm, cost: 1, windowMs: MINUTE_MS, mode: 'sliding' },
        describe: (limit) => `Rate limit exceeded: requests-per-minute. This key may make ${limit} requests per minute.`,
      });
    }
    if (tpm > 0) {
      // Estimated before the request runs (prompt with the tokenizer, plus max_tokens); corrected at settlement.
      const cost = estimatePromptTokens(request) + (request.max_tokens ?? request.max_completion_tokens ?? 0);
      checks.push({
        window: { id: `tpm:${key.hash}`, limit: tpm, cost, windowMs: MINUTE_MS, mode: 'sliding' },
        describe: (limit, tokens) =>
          tokens > limit
            ? `Request too large for this key's tokens-per-minute limit: it needs about ${tokens} tokens (prompt + max_tokens), the limit is ${limit}.`
            : `Rate limit exceeded: tokens-per-minute. This key may use ${limit} tokens per minute; this request needs about ${tokens}.`,
      });
    }
    if (isFreeVariant(request)) {
      const free = this.#config.free_models;
      const highBalance = this.#credits.totalCreditsAddedPico(key.workspaceId) >= this.#creditsThreshold;
      checks.push({
        window: { id: `free-min:${key.workspaceId}`, limit: free.requests_per_minute, cost: 1, windowMs: MINUTE_MS, mode: 'sliding' },
        describe: () => 'Rate limit exceeded: free-models-per-min.',
      });
      checks.push({
        window: {
          id: `free-day:${key.workspaceId}`,
          limit: highBalance ? free.requests_per_day_with_credits : free.requests_per_day,
          cost: 1,
          windowMs: DAY_MS,
          mode: 'fixed',
        },
        describe: () =>
          highBalance
            ? 'Rate limit exceeded: free-models-per-day-high-balance.'
            : `Rate limit exceeded: free-models-per-day. Add ${free.credits_threshold} credits to unlock ${free.requests_per_day_with_credits} free model requests per day`,
      });
    }
    if (concurrent > 0) {
      this.#leaseCounter += 1;
      checks.push({
        slot: { id: `conc:${key.hash}`, limit: concurrent, leaseId: `${this.#leasePrefix}-${this.#leaseCounter}`, ttlMs: this.#leaseTtlMs },
        describe: (limit) => `Rate limit exceeded: concurrent-requests. This key may have ${limit} requests in flight at once.`,
      });
    }
    return checks;
  }

  #admission(options: { slots: SlotClaim[]; charged: ChargedWindow[]; windows: WindowCharge[] }): RateLimitAdmission {
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
        const index = windows.findIndex((window) => window.id.startsWith('tpm:'));
        const window = charged[index];
        if (index < 0 || !window) return;
        const used = tokens.promptTokens + tokens.completionTokens;
        const delta = used - (windows[index] as WindowCharge).cost;
        if (delta !== 0) void store.adjust(window, delta);
      },
    };
  }
}

/** A key's override wins over the config default; 0 and null both end up as "no limit". */
function effective(override: number | null | undefined, fallback: number | null): number {
  return override ?? fallback ?? 0;
}

/** A request for a `:free` variant, as its model or one of its fallback models. */
function isFreeVariant(request: ChatRequest): boolean {
  if (request.model?.endsWith(':free')) return true;
  return request.models?.some((model) => model.endsWith(':free')) ?? false;
}

function rateLimitError(options: { message: string; limit: number; remaining: number; retryAt: number; now: number }): GatewayError {
  const { message, limit, remaining, retryAt, now } = options;
  const finite = Number.isFinite(retryAt);
  const retryAfterSeconds = finite ? Math.max(1, Math.ceil((retryAt - now) / 1000)) : undefined;
  const headers: Record<string, string> = {
    'X-RateLimit-Limit': String(limit),
    'X-RateLimit-Remaining': String(remaining),
    // Epoch milliseconds, as OpenRouter's platform 429s carry it.
    'X-RateLimit-Reset': String(finite ? retryAt : now + MINUTE_MS),
  };
  return new GatewayError('rate_limited', { message, retryAfterSeconds, metadata: { headers } });
}
