import type { Logger } from 'pino';
import type { SwitchyardConfig } from './config/config-schema.js';
import type { HotState } from './hot-state.js';
import { MemoryRateLimitStore } from './stores/memory/memory-rate-limit-store.js';
import { LOCAL_CHANGE_FEED } from './stores/change-feed.js';
import { MemoryResponseCacheStore } from './cache/memory-response-cache-store.js';
import { StickySessions } from './routing/sticky-sessions.js';

export type { HotState } from './hot-state.js';

/**
 * Opens the hot state (src/hot-state.ts): in process memory without `redis` (one node), in Redis with it.
 */
export async function openHotState(options: { config: SwitchyardConfig; logger: Logger }): Promise<HotState> {
  const { config, logger } = options;
  const url = config.redis;
  if (url) {
    // Imported only when configured: a single node never loads ioredis.
    const { openRedisHotState } = await import('./open-redis-hot-state.js');
    return openRedisHotState({ url, config, logger });
  }
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
