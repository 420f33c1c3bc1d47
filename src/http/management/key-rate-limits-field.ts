import { z } from 'zod';
import type { KeyRateLimits } from '../../stores/key-rate-limit-store.js';

const limit = z.number().int().nonnegative().max(1_000_000_000).nullable().optional();

/**
 * `rate_limits` on POST/PATCH /api/v1/keys (a Switchyard addition; OpenRouter has no per-key
 * rate limits). Each field: a positive integer, 0 for no limit, null for the config default;
 * on PATCH an omitted field is unchanged.
 */
export const keyRateLimitsField = z
  .strictObject({ requests_per_minute: limit, tokens_per_minute: limit, concurrent_requests: limit })
  .optional();

export type KeyRateLimitsInput = z.infer<typeof keyRateLimitsField>;

/** The wire object into a patch of the stored overrides (undefined fields stay unchanged). */
export function toKeyRateLimitsPatch(input: NonNullable<KeyRateLimitsInput>): Partial<KeyRateLimits> {
  return { requestsPerMinute: input.requests_per_minute, tokensPerMinute: input.tokens_per_minute, concurrentRequests: input.concurrent_requests };
}

/** The key's overrides as sent in Key objects (null = the config default applies). */
export function encodeKeyRateLimits(limits: KeyRateLimits | undefined): Record<string, number | null> {
  return {
    requests_per_minute: limits?.requestsPerMinute ?? null,
    tokens_per_minute: limits?.tokensPerMinute ?? null,
    concurrent_requests: limits?.concurrentRequests ?? null,
  };
}
