import type { RedisConnection } from './stores/redis/open-redis.js';
import type { RateLimitStore } from './stores/rate-limit-store.js';
import type { ChangeFeed } from './stores/change-feed.js';
import type { StoreSet } from './stores/store-set.js';
import type { ResponseCacheStore } from './cache/response-cache-store.js';
import type { StickyRoutes } from './routing/sticky-sessions.js';
import type { EndpointHealth } from './routing/health/endpoint-health.js';

/**
 * The state several gateway nodes must share while it is hot: rate-limit counters and slots
 * notices of store changes, the response cache, sticky routes and endpoint health. In process
 * memory without `redis` (one node); in Redis with it (docs/scale-out.md). Each part says how
 * it degrades when Redis is lost.
 */
export interface HotState {
  /** The Redis connection, when configured. */
  redis: RedisConnection | undefined;
  rateLimits: RateLimitStore;
  responseCache: ResponseCacheStore;
  sticky: StickyRoutes;
  /** This node's endpoint health, shared with the other nodes when Redis is configured. */
  shareHealth(local: EndpointHealth): Promise<EndpointHealth>;
  /** Tells other nodes what this one changed in the stores (and hears theirs). */
  changes: ChangeFeed;
  /** The stores, announcing their writes on `changes`. */
  announce(stores: StoreSet): StoreSet;
  /** Same on every node, new on every guardrail or privacy change (shared response cache keys); undefined for one node. */
  settingsEpoch: (() => string) | undefined;
  close(): Promise<void>;
}
