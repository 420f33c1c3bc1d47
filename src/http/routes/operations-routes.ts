import type { FastifyInstance } from 'fastify';
import type { Provider } from '../../core/provider-types.js';
import { describeProviderCredential } from '../../providers/describe-provider-credential.js';
import type { StoreSet } from '../../stores/store-set.js';
import type { GatewayMetrics } from '../../telemetry/gateway-metrics.js';

/**
 * `/healthz` (process up), `/readyz` (stores reachable, not stopping; with each cloud provider's
 * credential source and state, which never makes the node unready: routing moves past a provider
 * without credentials), `/metrics` (Prometheus).
 */
export function registerOperationsRoutes(
  app: FastifyInstance,
  deps: { stores: StoreSet; metrics: GatewayMetrics; isStopping: () => boolean; providers: ReadonlyMap<string, Provider> },
): void {
  const cloudProviders = () =>
    [...deps.providers.values()].flatMap((provider) => {
      const credential = describeProviderCredential(provider);
      return credential ? [{ id: provider.id, protocol: provider.protocol, credential }] : [];
    });

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    if (deps.isStopping()) return reply.code(503).send({ status: 'stopping' });
    try {
      await deps.stores.ping();
      const providers = cloudProviders();
      return providers.length > 0 ? { status: 'ready', providers } : { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'unavailable', reason: 'database unreachable' });
    }
  });

  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', deps.metrics.registry.contentType);
    return deps.metrics.registry.metrics();
  });
}
