import type { Logger } from 'pino';
import type { SwitchyardConfig } from './config/config-schema.js';
import { LocalFallbackRateLimitStore } from './stores/local-fallback-rate-limit-store.js';
import { MemoryRateLimitStore } from './stores/memory/memory-rate-limit-store.js';
import type { RateLimitStore } from './stores/rate-limit-store.js';
import { openRedis, type RedisConnection } from './stores/redis/open-redis.js';
import { RedisRateLimitStore } from './stores/redis/redis-rate-limit-store.js';
import { announceStoreChanges } from './stores/announce-store-changes.js';
import { LOCAL_CHANGE_FEED, type ChangeFeed } from './stores/change-feed.js';
import { RedisChangeFeed } from './stores/redis/redis-change-feed.js';
import type { StoreSet } from './stores/store-set.js';
import { MemoryResponseCacheStore } from './cache/memory-response-cache-store.js';
import { RedisResponseCacheStore } from './cache/redis-response-cache-store.js';
import type { ResponseCacheStore } from './cache/response-cache-store.js';
import { RedisStickyRoutes } from './routing/redis-sticky-routes.js';
import { StickySessions, type StickyRoutes } from './routing/sticky-sessions.js';
import type { EndpointHealth } from './routing/health/endpoint-health.js';
import { SharedEndpointHealth } from './routing/health/shared-endpoint-health.js';

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

export async function openHotState(options: { config: SwitchyardConfig; logger: Logger }): Promise<HotState> {
  const { config, logger } = options;
  const url = config.redis;
  if (!url) {
    return {
      redis: undefined,
      rateLimits: new MemoryRateLimitStore(),
      responseCache: new MemoryResponseCacheStore({ maxBytes: config.response_cache.max_bytes }),
      sticky: new StickySessions({ idleMs: config.routing.sticky_idle_ms }),
      shareHealth: async (local) => local,
      changes: LOCAL_CHANGE_FEED,
      announce: (stores) => stores,
      settingsEpoch: undefined,
      close: async () => {},
    };
  }
  const redis = await openRedis({ url, prefix: config.redis_prefix, log: logger });
  const changes = await RedisChangeFeed.open(redis).catch(async (error: unknown) => {
    await redis.close();
    throw error;
  });
  const rateLimits = new LocalFallbackRateLimitStore({
    shared: new RedisRateLimitStore({ client: redis.client }),
    local: new MemoryRateLimitStore(),
    onDegraded: (error) =>
      logger.error({ err: error }, 'rate limits: Redis unavailable, counting per node until it is back (each node enforces the limits on its own)'),
    onRestored: () => logger.info('rate limits: shared counters in Redis again'),
  });
  const responseCache = new RedisResponseCacheStore({
    client: redis.client,
    maxBytes: config.response_cache.max_bytes,
    keyPrefix: config.redis_prefix,
    onUnavailable: (error) => logger.error({ err: error }, 'response cache: Redis unavailable, every lookup is a miss until it is back'),
  });
  const sticky = new RedisStickyRoutes({
    client: redis.client,
    idleMs: config.routing.sticky_idle_ms,
    onUnavailable: (error) => logger.error({ err: error }, 'sticky routing: Redis unavailable, conversations are routed as new until it is back'),
  });
  let health: SharedEndpointHealth | undefined;
  return {
    redis,
    rateLimits,
    responseCache,
    sticky,
    async shareHealth(local) {
      health = new SharedEndpointHealth({ local, writer: redis.client, reader: redis.subscriber(), keyPrefix: config.redis_prefix });
      await health.start();
      return health;
    },
    changes,
    announce: (stores) => announceStoreChanges(stores, changes),
    settingsEpoch: () => changes.settingsEpoch,
    async close() {
      await health?.close();
      await changes.close();
      await redis.close();
    },
  };
}
