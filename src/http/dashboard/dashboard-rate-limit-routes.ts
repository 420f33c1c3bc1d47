import type { FastifyInstance } from 'fastify';
import type { KeyRegistry } from '../../auth/key-registry.js';
import type { RateLimiter } from '../../rate-limits/rate-limiter.js';
import type { KeyStore } from '../../stores/key-store.js';
import { REFUSAL_BUCKET_MS, REFUSAL_HISTORY_MS } from '../../stores/rate-limit-store.js';

/**
 * `GET /api/v1/dashboard/rate-limits` (management key or dashboard session): every inference key
 * of the workspace with its effective requests/min, tokens/min and concurrency limits (0 = none)
 * and what the live rate-limit store (memory, or Redis shared by every node) holds against each
 * right now; plus the 429s those limits caused over the last day in 5-minute buckets, counted by
 * the store when it refuses (nothing is written for admitted requests).
 */
export function registerDashboardRateLimitRoutes(app: FastifyInstance, deps: { keys: KeyRegistry; keyStore: KeyStore; rateLimiter: RateLimiter; now: () => number }): void {
  app.get('/api/v1/dashboard/rate-limits', async (request) => {
    const workspaceId = deps.keys.authenticate(request.headers.authorization, 'management').key.workspaceId;
    const keys = (await deps.keyStore.listAll()).filter((key) => key.kind === 'inference' && key.workspaceId === workspaceId).sort((a, b) => a.name.localeCompare(b.name));
    const { keys: usage, refusals } = await deps.rateLimiter.keyLimitsUsage(keys);
    const now = deps.now();
    const refusedByKey = new Map<string, number>();
    for (const row of refusals) refusedByKey.set(row.keyHash, (refusedByKey.get(row.keyHash) ?? 0) + row.count);
    return {
      data: {
        bucket_ms: REFUSAL_BUCKET_MS,
        since: new Date(Math.floor((now - REFUSAL_HISTORY_MS) / REFUSAL_BUCKET_MS) * REFUSAL_BUCKET_MS + REFUSAL_BUCKET_MS).toISOString(),
        keys: usage.map(({ key, ...limits }) => ({
          hash: key.hash,
          name: key.name,
          label: key.label,
          disabled: key.disabled,
          ...limits,
          rate_limited_24h: refusedByKey.get(key.hash) ?? 0,
        })),
        refusals: refusals
          .sort((a, b) => a.bucketStart - b.bucketStart)
          .map((row) => ({ bucket_start: new Date(row.bucketStart).toISOString(), key_hash: row.keyHash, limit: row.limit, count: row.count })),
      },
    };
  });
}
