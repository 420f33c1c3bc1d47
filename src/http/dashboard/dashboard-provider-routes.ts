import type { FastifyInstance } from 'fastify';
import type { KeyRegistry } from '../../auth/key-registry.js';
import type { Provider } from '../../core/provider-types.js';
import { describeProviderCredential } from '../../providers/describe-provider-credential.js';

/**
 * `GET /api/v1/dashboard/providers` (management key or dashboard session): the enabled
 * providers with their protocol and, for cloud providers (Bedrock, Vertex AI, Azure OpenAI),
 * where their credentials come from and whether they currently work — source, the chain link
 * that answered, state, expiry, last refresh and its error. Never a secret. One process's view.
 */
export function registerDashboardProviderRoutes(app: FastifyInstance, deps: { keys: KeyRegistry; providers: ReadonlyMap<string, Provider> }): void {
  app.get('/api/v1/dashboard/providers', async (request) => {
    deps.keys.authenticate(request.headers.authorization, 'management');
    const data = [...deps.providers.values()]
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((provider) => ({
        id: provider.id,
        name: provider.name,
        protocol: provider.protocol,
        local: provider.local,
        credential: describeProviderCredential(provider) ?? null,
      }));
    return { data };
  });
}
