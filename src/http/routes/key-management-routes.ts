import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { KeyRegistry } from '../../auth/key-registry.js';
import { mintApiKey } from '../../auth/mint-api-key.js';
import { NotFoundError } from '../../core/errors/gateway-error.js';
import type { BatchGenerationWriter } from '../../stores/batch-generation-writer.js';
import type { GenerationStore } from '../../stores/generation-store.js';
import type { ApiKeyPatch, KeyStore } from '../../stores/key-store.js';
import { encodeKey } from '../codecs/encode-key.js';
import { encodeKeyRateLimits, keyRateLimitsField, toKeyRateLimitsPatch } from '../codecs/key-rate-limits-field.js';
import type { KeyRateLimitRegistry } from '../../rate-limits/key-rate-limit-registry.js';
import { parseWithSchema } from '../codecs/parse-with-schema.js';

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
  generations: GenerationStore;
  writer: BatchGenerationWriter;
  rateLimits: KeyRateLimitRegistry;
}

/**
 * `/api/v1/keys` CRUD in OpenRouter's shapes, for management keys only. Keys are looked up
 * within the caller's workspace, so one workspace never sees another's keys.
 */
export function registerKeyManagementRoutes(app: FastifyInstance, deps: KeyRouteDeps): void {
  const manager = (request: FastifyRequest) => deps.keys.authenticate(request.headers.authorization, 'management').key;
  const ownKey = (request: FastifyRequest, hash: string) => {
    const caller = manager(request);
    const key = deps.keys.get(hash);
    if (!key || key.workspaceId !== caller.workspaceId) throw new NotFoundError(`No API key with hash ${hash}`);
    return key;
  };
  const withSpend = async (key: Parameters<typeof encodeKey>[0]) => {
    if (deps.writer.pending > 0) await deps.writer.flush();
    const encoded = encodeKey(key, await deps.generations.spendByKey(key.hash, new Date()));
    return { ...encoded, rate_limits: encodeKeyRateLimits(deps.rateLimits.get(key.hash)) };
  };

  app.get<{ Querystring: { include_disabled?: string; offset?: string } }>('/api/v1/keys', async (request) => {
    const caller = manager(request);
    const records = await deps.keyStore.list({
      kind: 'inference',
      includeDisabled: request.query.include_disabled === 'true',
      offset: Math.max(0, Number(request.query.offset ?? 0) || 0),
      limit: 100,
    });
    const mine = records.filter((record) => record.workspaceId === caller.workspaceId);
    return { data: await Promise.all(mine.map(withSpend)) };
  });

  app.post('/api/v1/keys', async (request, reply) => {
    const caller = manager(request);
    const body = parseWithSchema(createKeySchema, request.body);
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
      workspaceId: caller.workspaceId,
      creatorUserId: body.creator_user_id ?? null,
      createdAt: now,
      updatedAt: null,
      expiresAt: body.expires_at ? new Date(body.expires_at).toISOString() : null,
    };
    await deps.keys.create(record);
    if (body.rate_limits) await deps.rateLimits.update(record.hash, toKeyRateLimitsPatch(body.rate_limits));
    reply.code(201);
    return { data: { ...encodeKey(record), rate_limits: encodeKeyRateLimits(deps.rateLimits.get(record.hash)) }, key: minted.plaintext };
  });

  app.get<{ Params: { hash: string } }>('/api/v1/keys/:hash', async (request) => ({
    data: await withSpend(ownKey(request, request.params.hash)),
  }));

  app.patch<{ Params: { hash: string } }>('/api/v1/keys/:hash', async (request) => {
    ownKey(request, request.params.hash);
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
    return { data: await withSpend(updated) };
  });

  app.delete<{ Params: { hash: string } }>('/api/v1/keys/:hash', async (request) => {
    ownKey(request, request.params.hash);
    await deps.keys.delete(request.params.hash);
    await deps.rateLimits.delete(request.params.hash);
    return { deleted: true };
  });
}
