import type { Logger } from 'pino';
import type { SwitchyardConfig } from './config/config-schema.js';
import type { HotState } from './hot-state.js';
import { LocalFallbackRateLimitStore } from './stores/local-fallback-rate-limit-store.js';
import { MemoryRateLimitStore } from './stores/memory/memory-rate-limit-store.js';
import { openRedis } from './stores/redis/open-redis.js';
import { RedisRateLimitStore } from './stores/redis/redis-rate-limit-store.js';
import { announceStoreChanges } from './stores/announce-store-changes.js';
import { RedisChangeFeed } from './stores/redis/redis-change-feed.js';
import { RedisResponseCacheStore } from './cache/redis-response-cache-store.js';
import { RedisStickyRoutes } from './routing/redis-sticky-routes.js';
import { SharedEndpointHealth } from './routing/health/shared-endpoint-health.js';

/** The hot state in Redis, shared by every node (docs/scale-out.md); loaded only when `redis` is set. */
export async function openRedisHotState(options: { url: string; config: SwitchyardConfig; logger: Logger }): Promise<HotState> {
  const { url, config, logger } = options;
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
