import type { FastifyInstance } from 'fastify';
import type { StoreSet } from '../../stores/store-set.js';
import type { GatewayMetrics } from '../../telemetry/gateway-metrics.js';

/** `/healthz` (process up), `/readyz` (stores reachable, not stopping), `/metrics` (Prometheus). */
export function registerOperationsRoutes(
  app: FastifyInstance,
  deps: { stores: StoreSet; metrics: GatewayMetrics; isStopping: () => boolean },
): void {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    if (deps.isStopping()) return reply.code(503).send({ status: 'stopping' });
    try {
      await deps.stores.ping();
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'unavailable', reason: 'database unreachable' });
    }
  });

  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', deps.metrics.registry.contentType);
    return deps.metrics.registry.metrics();
  });
}
