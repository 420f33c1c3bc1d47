/**
 * Per-key rate-limit overrides (`rate_limits` on POST/PATCH /api/v1/keys). A null field falls
 * back to the config default; 0 means no limit for this key even when a default exists.
 */
export interface KeyRateLimits {
  requestsPerMinute: number | null;
  tokensPerMinute: number | null;
  concurrentRequests: number | null;
}

export interface KeyRateLimitStore {
  /** Every override, for the in-memory registry at start-up. */
  listAll(): Promise<Array<{ keyHash: string; limits: KeyRateLimits }>>;
  /** Creates or replaces a key's overrides. */
  set(keyHash: string, limits: KeyRateLimits, updatedAt: string): Promise<void>;
  delete(keyHash: string): Promise<void>;
}
