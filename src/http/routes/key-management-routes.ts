import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { KeyRegistry } from '../../auth/key-registry.js';
import { mintApiKey } from '../../auth/mint-api-key.js';
import { InvalidRequestError, NotFoundError } from '../../core/errors/gateway-error.js';
import type { WorkspaceDirectory } from '../../billing/workspace-directory.js';
import type { Ledger } from '../../stores/ledger.js';
import type { ApiKeyPatch, KeyStore } from '../../stores/key-store.js';
import { encodeKey } from '../management/encode-key.js';
import { encodeKeyRateLimits, keyRateLimitsField, toKeyRateLimitsPatch } from '../management/key-rate-limits-field.js';
import type { KeyRateLimitRegistry } from '../../rate-limits/key-rate-limit-registry.js';
import { parseWithSchema } from '../codecs/parse-with-schema.js';
import { readQueryInteger } from '../read-query-integer.js';
import type { AuditTrail } from '../../audit/audit-trail.js';
import { auditActor } from '../audit-actor.js';
import { keyAuditView } from '../management/audit-views.js';

const limitReset = z.enum(['daily', 'weekly', 'monthly']).nullable();
const limit = z.number().nonnegative().nullable();
const isoUtc = z.iso.datetime({ offset: true }).refine((value) => /(Z|[+-]00:?00)$/.test(value), 'must be a UTC ISO-8601 timestamp');

const createKeySchema = z.strictObject({
  name: z.string().min(1).max(200),
  limit: limit.optional(),
  limit_reset: limitReset.optional(),
  include_byok_in_limit: z.boolean().optional(),
  expires_at: isoUtc.nullable().optional(),
  creator_user_id: z.string().nullable().optional(),
  workspace_id: z.string().nullable().optional(),
  rate_limits: keyRateLimitsField,
});

const patchKeySchema = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  disabled: z.boolean().optional(),
  limit: limit.optional(),
  limit_reset: limitReset.optional(),
  include_byok_in_limit: z.boolean().optional(),
  rate_limits: keyRateLimitsField,
});

export interface KeyRouteDeps {
  keys: KeyRegistry;
  keyStore: KeyStore;
  rateLimits: KeyRateLimitRegistry;
  ledger: Ledger;
  directory: WorkspaceDirectory;
  audit: AuditTrail;
  now: () => Date;
}

/**
 * `/api/v1/keys` CRUD in OpenRouter's shapes, for management keys only. The management key is
 * the installation's (organisation-wide) key: it sees every workspace's keys, and
 * `?workspace_id=` narrows the listing. Usage fields come from each key's ledger account.
 */
export function registerKeyManagementRoutes(app: FastifyInstance, deps: KeyRouteDeps): void {
  const manager = (request: FastifyRequest) => deps.keys.authenticate(request.headers.authorization, 'management').key;
  const ownKey = (request: FastifyRequest, hash: string) => {
    const caller = manager(request);
    const key = deps.keys.get(hash);
    if (!key) throw new NotFoundError(`No API key with hash ${hash}`);
    return { key, caller };
  };
  const withSpend = async (key: Parameters<typeof encodeKey>[0]) => {
    const scope = `key:${key.hash}`;
    const encoded = encodeKey(key, (await deps.ledger.snapshot([scope], deps.now())).get(scope));
    return { ...encoded, rate_limits: encodeKeyRateLimits(deps.rateLimits.get(key.hash)) };
  };

  app.get<{ Querystring: { include_disabled?: string; offset?: string; workspace_id?: string } }>('/api/v1/keys', async (request) => {
    manager(request);
    const workspaceId = request.query.workspace_id;
    const records = await deps.keyStore.list({
      kind: 'inference',
      includeDisabled: request.query.include_disabled === 'true',
      offset: readQueryInteger(request.query.offset, { name: 'offset', fallback: 0, min: 0, max: 1_000_000_000 }),
      limit: 100,
    });
    const mine = records.filter((record) => workspaceId === undefined || record.workspaceId === workspaceId);
    return { data: await Promise.all(mine.map(withSpend)) };
  });

  app.post('/api/v1/keys', async (request, reply) => {
    const caller = manager(request);
    const body = parseWithSchema(createKeySchema, request.body);
    const workspaceId = body.workspace_id ?? caller.workspaceId;
    if (!deps.directory.workspace(workspaceId)) {
      throw new InvalidRequestError(`No workspace ${JSON.stringify(workspaceId)}; create it with POST /api/v1/workspaces`);
    }
    const memberId = body.creator_user_id ?? null;
    if (memberId !== null && deps.directory.member(memberId)?.workspaceId !== workspaceId) {
      throw new InvalidRequestError(`creator_user_id ${JSON.stringify(memberId)} is not a member of workspace ${JSON.stringify(workspaceId)}; add it with POST /api/v1/workspaces/${workspaceId}/members`);
    }
    if (body.expires_at && Date.parse(body.expires_at) <= deps.now().getTime()) {
      throw new InvalidRequestError('expires_at must be in the future');
    }
    const minted = mintApiKey();
    const now = new Date().toISOString();
    const record = {
      hash: minted.hash,
      kind: 'inference' as const,
      name: body.name,
      label: minted.label,
      disabled: false,
      limit: body.limit === undefined || body.limit === null ? null : String(body.limit),
      limitReset: body.limit_reset ?? null,
      includeByokInLimit: body.include_byok_in_limit ?? false,
      workspaceId,
      creatorUserId: memberId,
      createdAt: now,
      updatedAt: null,
      expiresAt: body.expires_at ? new Date(body.expires_at).toISOString() : null,
    };
    // The limits are stored before the key, so no node ever serves the new key without them (another
    // node re-reads the limits before it takes a key in: follow-store-changes.ts).
    if (body.rate_limits) await deps.rateLimits.update(record.hash, toKeyRateLimitsPatch(body.rate_limits));
    try {
      await deps.keys.create(record);
    } catch (error) {
      if (body.rate_limits) await deps.rateLimits.delete(record.hash).catch(() => undefined);
      throw error;
    }
    await deps.audit.record(auditActor(request, caller), {
      action: 'key.create',
      workspaceId,
      targetId: record.hash,
      after: keyAuditView(record, deps.rateLimits.get(record.hash)),
    });
    reply.code(201);
    return { data: { ...encodeKey(record), rate_limits: encodeKeyRateLimits(deps.rateLimits.get(record.hash)) }, key: minted.plaintext };
  });

  app.get<{ Params: { hash: string } }>('/api/v1/keys/:hash', async (request) => ({
    data: await withSpend(ownKey(request, request.params.hash).key),
  }));

  app.patch<{ Params: { hash: string } }>('/api/v1/keys/:hash', async (request) => {
    const { key: current, caller } = ownKey(request, request.params.hash);
    const before = keyAuditView(current, deps.rateLimits.get(current.hash));
    const body = parseWithSchema(patchKeySchema, request.body);
    const patch: ApiKeyPatch = {};
    if (body.name !== undefined) patch.name = body.name;
    if (body.disabled !== undefined) patch.disabled = body.disabled;
    if (body.limit !== undefined) patch.limit = body.limit === null ? null : String(body.limit);
    if (body.limit_reset !== undefined) patch.limitReset = body.limit_reset;
    if (body.include_byok_in_limit !== undefined) patch.includeByokInLimit = body.include_byok_in_limit;
    if (body.rate_limits) await deps.rateLimits.update(request.params.hash, toKeyRateLimitsPatch(body.rate_limits));
    const updated = await deps.keys.update(request.params.hash, patch);
    if (!updated) throw new NotFoundError(`No API key with hash ${request.params.hash}`);
    await deps.audit.record(auditActor(request, caller), {
      action: 'key.update',
      workspaceId: updated.workspaceId,
      targetId: updated.hash,
      before,
      after: keyAuditView(updated, deps.rateLimits.get(updated.hash)),
    });
    return { data: await withSpend(updated) };
  });

  app.delete<{ Params: { hash: string } }>('/api/v1/keys/:hash', async (request) => {
    const { key, caller } = ownKey(request, request.params.hash);
    const before = keyAuditView(key, deps.rateLimits.get(key.hash));
    await deps.keys.delete(request.params.hash);
    await deps.rateLimits.delete(request.params.hash);
    await deps.audit.record(auditActor(request, caller), { action: 'key.delete', workspaceId: key.workspaceId, targetId: key.hash, before });
    return { deleted: true };
  });
}
