import type { FastifyInstance } from 'fastify';
import type { KeyRegistry } from '../../auth/key-registry.js';
import { InvalidRequestError, NotFoundError } from '../../core/errors/gateway-error.js';
import { privacySettingsPatchSchema } from '../../core/privacy-settings.js';
import type { WorkspacePrivacy } from '../../privacy/workspace-privacy.js';
import type { DataPolicy } from '../../core/provider-types.js';
import type { ResolvedCatalog } from '../../routing/catalog/resolved-catalog.js';
import type { PrivacyStore } from '../../stores/privacy-store.js';
import { encodePublicEndpoint } from '../management/encode-model.js';
import { parseWithSchema } from '../codecs/parse-with-schema.js';
import type { AuditTrail } from '../../audit/audit-trail.js';
import { auditActor } from '../audit-actor.js';
import type { WorkspaceDirectory } from '../../billing/workspace-directory.js';
import { managedWorkspace } from '../management/managed-workspace.js';

/**
 * Privacy surfaces: the workspace's privacy settings (management key), the opt-in content log
 * (`/generation/content`, same workspace only), and the public provider and ZDR endpoint lists.
 */
export function registerPrivacyRoutes(
  app: FastifyInstance,
  deps: { keys: KeyRegistry; privacy: WorkspacePrivacy; store: PrivacyStore; catalog: ResolvedCatalog; audit: AuditTrail; directory: WorkspaceDirectory },
): void {
  // `?workspace_id=` names any workspace the management key manages (default: its own).
  app.get<{ Querystring: { workspace_id?: string } }>('/api/v1/workspace/privacy', async (request) => {
    const { key } = deps.keys.authenticate(request.headers.authorization, 'management');
    return { data: deps.privacy.settingsFor(managedWorkspace(key, request.query.workspace_id, deps.directory)) };
  });

  app.patch<{ Querystring: { workspace_id?: string } }>('/api/v1/workspace/privacy', async (request) => {
    const { key } = deps.keys.authenticate(request.headers.authorization, 'management');
    const workspaceId = managedWorkspace(key, request.query.workspace_id, deps.directory);
    const patch = parseWithSchema(privacySettingsPatchSchema, request.body);
    const before = structuredClone(deps.privacy.settingsFor(workspaceId));
    const after = await deps.privacy.update(workspaceId, patch);
    await deps.audit.record(auditActor(request, key), { action: 'privacy.update', workspaceId, targetId: workspaceId, before, after });
    return { data: after };
  });

  app.get<{ Querystring: { id?: string } }>('/api/v1/generation/content', async (request) => {
    const { key } = deps.keys.authenticate(request.headers.authorization, 'any');
    const id = request.query.id;
    if (!id) throw new InvalidRequestError('Query parameter "id" is required, e.g. /api/v1/generation/content?id=gen-…');
    const found = await deps.store.findContent(id, key.workspaceId, Date.now());
    // An inference key reads only what it generated; a management key, its workspace's.
    const content = found && (key.kind === 'management' || found.keyHash === key.hash) ? found : undefined;
    if (!content) throw new NotFoundError(`No stored content for generation ${id}: logging is off for it, it expired, or it does not exist`);
    return {
      data: {
        id: content.generationId,
        input: JSON.parse(content.input) as unknown,
        output: JSON.parse(content.output) as unknown,
        created_at: new Date(content.createdAt).toISOString(),
        expires_at: new Date(content.expiresAt).toISOString(),
      },
    };
  });

  app.get('/api/v1/providers', async () => ({
    data: [...deps.catalog.providers.values()]
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((provider) => ({
        name: provider.name,
        slug: provider.id,
        privacy_policy_url: null,
        terms_of_service_url: null,
        status_page_url: null,
        data_policy: encodeDataPolicy(provider.dataPolicy),
      })),
  }));

  app.get('/api/v1/endpoints/zdr', async () => ({
    data: deps.catalog.list.flatMap((model) =>
      model.endpoints.filter((endpoint) => (endpoint.dataPolicy ?? endpoint.provider.dataPolicy).zdr).map((endpoint) => encodePublicEndpoint(model.model, endpoint)),
    ),
  }));
}

function encodeDataPolicy(policy: DataPolicy): Record<string, unknown> {
  return {
    zdr: policy.zdr,
    trains_on_data: policy.trainsOnData,
    retains_prompts: policy.retainsPromptsDays > 0,
    retention_days: policy.retainsPromptsDays,
    region: policy.region,
    moderated: policy.moderated,
  };
}
