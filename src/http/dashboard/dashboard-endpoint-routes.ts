import type { FastifyInstance } from 'fastify';
import type { KeyRegistry } from '../../auth/key-registry.js';
import type { EndpointHealth } from '../../routing/health/endpoint-health.js';
import type { ResolvedCatalog } from '../../routing/catalog/resolved-catalog.js';

/**
 * `GET /api/v1/dashboard/endpoints` (management key or dashboard session): every model ×
 * provider endpoint that has served traffic, with routing's live view of it — status and
 * circuit breaker, uptime over 5 min / 30 min / 1 day, time-to-first-token and throughput
 * percentiles over 30 min, attempt counts. One process's view (health is per node).
 */
export function registerDashboardEndpointRoutes(app: FastifyInstance, deps: { keys: KeyRegistry; health: EndpointHealth; catalog: ResolvedCatalog; now: () => number }): void {
  app.get('/api/v1/dashboard/endpoints', async (request) => {
    deps.keys.authenticate(request.headers.authorization, 'management');
    const now = deps.now();
    const data = deps.health
      .endpoints()
      .sort()
      .map((endpoint) => {
        const separator = endpoint.indexOf('|');
        const providerId = endpoint.slice(0, separator);
        const stats = deps.health.stats(endpoint, now);
        return {
          endpoint,
          provider: providerId,
          provider_name: deps.catalog.providers.get(providerId)?.name ?? providerId,
          model: endpoint.slice(separator + 1),
          status: stats.status,
          breaker: stats.breaker,
          uptime_5m: stats.uptime5m,
          uptime_30m: stats.uptime30m,
          uptime_1d: stats.uptime1d,
          latency_ms_30m: stats.latency30m && { p50: stats.latency30m.p50, p90: stats.latency30m.p90, p99: stats.latency30m.p99 },
          throughput_30m: stats.throughput30m && { p50: stats.throughput30m.p50, p90: stats.throughput30m.p90 },
          successes: stats.successes,
          failures: stats.failures,
          rate_limited: stats.rateLimited,
        };
      });
    return { data };
  });
}
