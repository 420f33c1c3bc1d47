import { LocalFallbackRateLimitStore } from "./stores/local-fallback-rate-limit-store.js";
import { MemoryRateLimitStore } from "./stores/memory/memory-rate-limit-store.js";
import { openRedis } from "./stores/redis/open-redis.js";
import { RedisRateLimitStore } from "./stores/redis/redis-rate-limit-store.js";
import { announceStoreChanges } from "./stores/announce-store-changes.js";
import { LOCAL_CHANGE_FEED } from "./stores/change-feed.js";
import { RedisChangeFeed } from "./stores/redis/redis-change-feed.js";
import { MemoryResponseCacheStore } from "./cache/memory-response-cache-store.js";
import { RedisResponseCacheStore } from "./cache/redis-response-cache-store.js";
import { RedisStickyRoutes } from "./routing/redis-sticky-routes.js";
import { StickySessions } from "./routing/sticky-sessions.js";
async function openHotState(options) {
  const { config, logger } = options;
  const url = config.redis;
  if (!url) {
    return {
      redis: void 0,
      rateLimits: new MemoryRateLimitStore(),
      responseCache: new MemoryResponseCacheStore({ maxBytes: config.response_cache.max_bytes }),
      sticky: new StickySessions({ idleMs: config.routing.sticky_idle_ms }),
      changes: LOCAL_CHANGE_FEED,
      announce: (stores) => stores,
      settingsEpoch: void 0,
      close: async () => {
      }
    };
  }
  const redis = await openRedis({ url, prefix: config.redis_prefix, log: logger });
  const changes = await RedisChangeFeed.open(redis).catch(async (error) => {
    await redis.close();
    throw error;
  });
  const rateLimits = new LocalFallbackRateLimitStore({
    shared: new RedisRateLimitStore({ client: redis.client }),
    local: new MemoryRateLimitStore(),
    onDegraded: (error) => logger.error({ err: error }, "rate limits: Redis unavailable, counting per node until it is back (each node enforces the limits on its own)"),
    onRestored: () => logger.info("rate limits: shared counters in Redis again")
  });
  const responseCache = new RedisResponseCacheStore({
    client: redis.client,
    maxBytes: config.response_cache.max_bytes,
    keyPrefix: config.redis_prefix,
    onUnavailable: (error) => logger.error({ err: error }, "response cache: Redis unavailable, every lookup is a miss until it is back")
  });
  const sticky = new RedisStickyRoutes({
    client: redis.client,
    idleMs: config.routing.sticky_idle_ms,
    onUnavailable: (error) => logger.error({ err: error }, "sticky routing: Redis unavailable, conversations are routed as new until it is back")
  });
  return {
    redis,
    rateLimits,
    responseCache,
    sticky,
    changes,
    announce: (stores) => announceStoreChanges(stores, changes),
    settingsEpoch: () => changes.settingsEpoch,
    async close() {
      await changes.close();
      await redis.close();
    }
  };
}
export {
  openHotState
};
//# sourceMappingURL=open-hot-state.js.map
