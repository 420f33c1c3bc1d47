import type { Logger } from 'pino';
import type { SwitchyardConfig } from './config/config-schema.js';
import { LocalFallbackRateLimitStore } from './stores/local-fallback-rate-limit-store.js';
import { MemoryRateLimitStore } from './stores/memory/memory-rate-limit-store.js';
import type { RateLimitStore } from './stores/rate-limit-store.js';
import { openRedis, type RedisConnection } from './stores/redis/open-redis.js';
import { RedisRateLimitStore } from './stores/redis/redis-rate-limit-store.js';

/**
 * The state several gateway nodes must share while it is hot: rate-limit counters and slots
 * (more to come: response cache, endpoint health, sticky routes, invalidation). In process
 * memory without `redis` (one node); in Redis with it (docs/scale-out.md). Each part says how
 * it degrades when Redis is lost.
 */
export interface HotState {
  /** The Redis connection, when configured. */
  redis: RedisConnection | undefined;
  rateLimits: RateLimitStore;
  close(): Promise<void>;
}

export async function openHotState(options: { config: SwitchyardConfig; logger: Logger }): Promise<HotState> {
  const { config, logger } = options;
  const url = config.redis;
  if (!url) return { redis: undefined, rateLimits: new MemoryRateLimitStore(), close: async () => {} };
  const redis = await openRedis({ url, prefix: config.redis_prefix, log: logger });
  const rateLimits = new LocalFallbackRateLimitStore({
    shared: new RedisRateLimitStore({ client: redis.client }),
    local: new MemoryRateLimitStore(),
    onDegraded: (error) =>
      logger.error({ err: error }, 'rate limits: Redis unavailable, counting per node until it is back (each node enforces the limits on its own)'),
    onRestored: () => logger.info('rate limits: shared counters in Redis again'),
  });
  return { redis, rateLimits, close: () => redis.close() };
}
