import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { KeyRegistry } from '../../auth/key-registry.js';
import type { ByokKeyChange, ByokRegistry } from '../../byok/byok-registry.js';
import type { ByokKeyRecord } from '../../stores/byok-key-store.js';
import { parseWithSchema } from '../codecs/parse-with-schema.js';
import type { AuditTrail } from '../../audit/audit-trail.js';
import { auditActor } from '../audit-actor.js';
import { SCRUBBED } from '../../audit/scrub-audit-values.js';
import type { WorkspaceDirectory } from '../../billing/workspace-directory.js';
import { managedWorkspace } from '../management/managed-workspace.js';

// A provider key: long enough to be one, short enough not to be a document. Never echoed in errors.
const providerKey = z.string().trim().min(8, 'must be a provider API key').max(8192);
const modelIds = z.array(z.string().min(1)).min(1).max(1000).nullable();

const createSchema = z.strictObject({
  provider: z.string().min(1).max(100),
  key: providerKey,
  name: z.string().min(1).max(200).optional(),
  disabled: z.boolean().optional(),
  always_use: z.boolean().optional(),
  is_fallback: z.boolean().optional(),
  allowed_models: modelIds.optional(),
  sort_order: z.number().int().min(0).max(1_000_000).optional(),
  /** The workspace the key belongs to (default: the management key's own). */
  workspace_id: z.string().min(1).optional(),
});

const patchSchema = createSchema.omit({ provider: true, workspace_id: true }).partial();

/** OpenRouter's BYOK record shape (plus Switchyard's `always_use`); the key itself never leaves. */
export function encodeByokKey(record: ByokKeyRecord): Record<string, unknown> {
  return {
    id: record.id,
    provider: record.provider,
    workspace_id: record.workspaceId,
    label: record.label,
    name: record.name,
    disabled: record.disabled,
    always_use: record.alwaysUse,
    is_fallback: record.isFallback,
    allowed_models: record.allowedModels,
    sort_order: record.sortOrder,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
  };
}

/**
 * `/api/v1/byok` CRUD for management keys: a workspace's own provider keys, stored encrypted,
 * listed masked. Every lookup is scoped to one workspace: the one named by `?workspace_id=` (or
 * `workspace_id` in a create body), else the management key's own.
 */
export function registerByokRoutes(app: FastifyInstance, deps: { keys: KeyRegistry; byok: ByokRegistry; audit: AuditTrail; directory: WorkspaceDirectory }): void {
  const manager = (request: FastifyRequest) => deps.keys.authenticate(request.headers.authorization, 'management').key;
  const named = (request: FastifyRequest) => (request.query as { workspace_id?: unknown } | undefined)?.workspace_id;
  const workspace = (request: FastifyRequest) => managedWorkspace(manager(request), named(request), deps.directory);

  app.get('/api/v1/byok', async (request) => ({ data: deps.byok.list(workspace(request)).map(encodeByokKey) }));

  app.post('/api/v1/byok', async (request, reply) => {
    const caller = manager(request);
    const body = parseWithSchema(createSchema, request.body);
    const workspaceId = managedWorkspace(caller, body.workspace_id ?? named(request), deps.directory);
    const record = await deps.byok.create(workspaceId, {
      provider: body.provider,
      key: body.key,
      name: body.name,
      disabled: body.disabled,
      alwaysUse: body.always_use,
      isFallback: body.is_fallback,
      allowedModels: body.allowed_models,
      sortOrder: body.sort_order,
    });
    // The provider key itself is never recorded: only that one was set.
    await deps.audit.record(auditActor(request, caller), { action: 'byok.create', workspaceId, targetId: record.id, after: { ...encodeByokKey(record), key: SCRUBBED } });
    reply.code(201);
    return { data: encodeByokKey(record) };
  });

  app.get<{ Params: { id: string } }>('/api/v1/byok/:id', async (request) => ({
    data: encodeByokKey(deps.byok.get(workspace(request), request.params.id)),
  }));

  app.patch<{ Params: { id: string } }>('/api/v1/byok/:id', async (request) => {
    const caller = manager(request);
    const workspaceId = managedWorkspace(caller, named(request), deps.directory);
    const current = deps.byok.get(workspaceId, request.params.id);
    const body = parseWithSchema(patchSchema, request.body);
    const change: ByokKeyChange = {
      key: body.key,
      name: body.name,
      disabled: body.disabled,
      alwaysUse: body.always_use,
      isFallback: body.is_fallback,
      allowedModels: body.allowed_models,
      sortOrder: body.sort_order,
    };
    const updated = await deps.byok.update(workspaceId, request.params.id, change);
    await deps.audit.record(auditActor(request, caller), {
      action: 'byok.update',
      workspaceId,
      targetId: updated.id,
      // A rotated provider key shows as a changed `key` field, its values never.
      before: { ...encodeByokKey(current), ...(body.key === undefined ? {} : { key: null }) },
      after: { ...encodeByokKey(updated), ...(body.key === undefined ? {} : { key: SCRUBBED }) },
    });
    return { data: encodeByokKey(updated) };
  });

  app.delete<{ Params: { id: string } }>('/api/v1/byok/:id', async (request) => {
    const caller = manager(request);
    const workspaceId = managedWorkspace(caller, named(request), deps.directory);
    const current = deps.byok.get(workspaceId, request.params.id);
    await deps.byok.delete(workspaceId, request.params.id);
    await deps.audit.record(auditActor(request, caller), { action: 'byok.delete', workspaceId, targetId: current.id, before: encodeByokKey(current) });
    return { deleted: true };
  });
}
