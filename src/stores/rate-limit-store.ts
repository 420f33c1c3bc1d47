/**
 * Shared rate-limit state: window counters and concurrency slots. The in-process store
 * (memory/memory-rate-limit-store.ts) serves one node; a Redis store runs the same algorithm
 * as one Lua script so several nodes share the counters. Every implementation passes
 * contract/rate-limit-store.contract.ts.
 *
 * Windows are counted in buckets aligned to the epoch (`floor(now / windowMs) * windowMs`),
 * so a one-day window is a UTC day. A `sliding` window estimates the count over the last
 * `windowMs` as `previous × (1 − elapsed / windowMs) + current` (two counters per id, O(1));
 * a `fixed` window counts only the current bucket.
 */
export interface WindowCharge {
  /** Counter id, e.g. "rpm:<key hash>". */
  id: string;
  /** Most units the window may hold. */
  limit: number;
  /** Units this request adds (1 for a request count, tokens for a token budget). */
  cost: number;
  windowMs: number;
  mode: 'sliding' | 'fixed';
}

/** A concurrency slot to take: at most `limit` leases per id may be held at once. */
export interface SlotClaim {
  id: string;
  limit: number;
  /** Unique per request; the same id releases it. */
  leaseId: string;
  /** A lease not released within this time is dropped (a crashed node must not hold slots forever). */
  ttlMs: number;
}

/** A charged window, so its cost can be corrected later (see RateLimitStore.adjust). */
export interface ChargedWindow {
  id: string;
  windowMs: number;
  /** Start of the bucket the cost went into, epoch ms. */
  bucketStart: number;
}

export type AdmitResult =
  | { admitted: true; charged: ChargedWindow[] }
  | {
      admitted: false;
      /** Index into `windows` or `slots` of the first check that failed. */
      blocked: { kind: 'window' | 'slot'; index: number };
      /** Units left in the blocking window (or free slots), never negative. */
      remaining: number;
      /** When the same request would be admitted again, epoch ms; Infinity when it never can (cost > limit). */
      retryAt: number;
    };

/** Refusals are counted per blocked id in buckets of this size, kept for REFUSAL_HISTORY_MS. */
export const REFUSAL_BUCKET_MS = 5 * 60_000;
export const REFUSAL_HISTORY_MS = 24 * 60 * 60_000;

/** What a window or slot holds right now (RateLimitStore.usage). */
export interface UsageQuery {
  windows: Array<Pick<WindowCharge, 'id' | 'windowMs' | 'mode'>>;
  /** Slot ids: counted are leases not yet expired. */
  slots: string[];
  now: number;
}

export interface RateLimitStore {
  /**
   * Atomically: when every window has room for its cost and every slot id is below its
   * limit, adds the costs and takes the slots; otherwise changes nothing and says which
   * check failed first (windows are checked before slots).
   */
  admit(request: { windows: WindowCharge[]; slots: SlotClaim[]; now: number }): Promise<AdmitResult>;
  /**
   * Adds `delta` (may be negative) to the bucket a charge went into, when that bucket still
   * counts (current or previous); counters never go below zero.
   */
  adjust(window: ChargedWindow, delta: number): Promise<void>;
  /** Releases leases; releasing an unknown or already released lease is a no-op. */
  release(slots: Array<{ id: string; leaseId: string }>): Promise<void>;
  /**
   * Reads without charging: each window's count as admit() would estimate it at `now`, and each
   * slot id's live leases. For the dashboard; never on the request path.
   */
  usage(query: UsageQuery): Promise<{ windows: number[]; slots: number[] }>;
  /**
   * How often admit() refused because of each id (a window's or a slot's), per REFUSAL_BUCKET_MS
   * bucket (epoch-aligned) over the REFUSAL_HISTORY_MS before `now`; ids and buckets without a
   * refusal are left out. Counting happens on the refusal path only, so admitted requests pay nothing.
   */
  refusals(query: { ids: string[]; now: number }): Promise<Array<{ id: string; bucketStart: number; count: number }>>;
}
