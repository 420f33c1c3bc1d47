import { z } from "zod";
import { mintApiKey } from "../../auth/mint-api-key.js";
import { InvalidRequestError, NotFoundError } from "../../core/errors/gateway-error.js";
import { encodeKey } from "../management/encode-key.js";
import { encodeKeyRateLimits, keyRateLimitsField, toKeyRateLimitsPatch } from "../management/key-rate-limits-field.js";
import { parseWithSchema } from "../codecs/parse-with-schema.js";
import { readQueryInteger } from "../read-query-integer.js";
import { auditActor } from "../audit-actor.js";
import { keyAuditView } from "../management/audit-views.js";
const limitReset = z.enum(["daily", "weekly", "monthly"]).nullable();
const limit = z.number().nonnegative().nullable();
const isoUtc = z.iso.datetime({ offset: true }).refine((value) => /(Z|[+-]00:?00)$/.test(value), "must be a UTC ISO-8601 timestamp");
const createKeySchema = z.strictObject({
  name: z.string().min(1).max(200),
  limit: limit.optional(),
  limit_reset: limitReset.optional(),
  include_byok_in_limit: z.boolean().optional(),
  expires_at: isoUtc.nullable().optional(),
  creator_user_id: z.string().nullable().optional(),
  workspace_id: z.string().nullable().optional(),
  rate_limits: keyRateLimitsField
});
const patchKeySchema = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  disabled: z.boolean().optional(),
  limit: limit.optional(),
  limit_reset: limitReset.optional(),
  include_byok_in_limit: z.boolean().optional(),
  rate_limits: keyRateLimitsField
});
function registerKeyManagementRoutes(app, deps) {
  const manager = (request) => deps.keys.authenticate(request.headers.authorization, "management").key;
  const ownKey = (request, hash) => {
    const caller = manager(request);
    const key = deps.keys.get(hash);
    if (!key) throw new NotFoundError(`No API key with hash ${hash}`);
    return { key, caller };
  };
  const withSpend = async (key) => {
    const scope = `key:${key.hash}`;
    const encoded = encodeKey(key, (await deps.ledger.snapshot([scope], deps.now())).get(scope));
    return { ...encoded, rate_limits: encodeKeyRateLimits(deps.rateLimits.get(key.hash)) };
  };
  app.get("/api/v1/keys", async (request) => {
    manager(request);
    const workspaceId = request.query.workspace_id;
    const records = await deps.keyStore.list({
      kind: "inference",
      includeDisabled: request.query.include_disabled === "true",
      offset: readQueryInteger(request.query.offset, { name: "offset", fallback: 0, min: 0, max: 1e9 }),
      limit: 100
    });
    const mine = records.filter((record) => workspaceId === void 0 || record.workspaceId === workspaceId);
    return { data: await Promise.all(mine.map(withSpend)) };
  });
  app.post("/api/v1/keys", async (request, reply) => {
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
      throw new InvalidRequestError("expires_at must be in the future");
    }
    const minted = mintApiKey();
    const now = (/* @__PURE__ */ new Date()).toISOString();
    const record = {
      hash: minted.hash,
      kind: "inference",
      name: body.name,
      label: minted.label,
      disabled: false,
      limit: body.limit === void 0 || body.limit === null ? null : String(body.limit),
      limitReset: body.limit_reset ?? null,
      includeByokInLimit: body.include_byok_in_limit ?? false,
      workspaceId,
      creatorUserId: memberId,
      createdAt: now,
      updatedAt: null,
      expiresAt: body.expires_at ? new Date(body.expires_at).toISOString() : null
    };
    await deps.keys.create(record);
    if (body.rate_limits) await deps.rateLimits.update(record.hash, toKeyRateLimitsPatch(body.rate_limits));
    await deps.audit.record(auditActor(request, caller), {
      action: "key.create",
      workspaceId,
      targetId: record.hash,
      after: keyAuditView(record, deps.rateLimits.get(record.hash))
    });
    reply.code(201);
    return { data: { ...encodeKey(record), rate_limits: encodeKeyRateLimits(deps.rateLimits.get(record.hash)) }, key: minted.plaintext };
  });
  app.get("/api/v1/keys/:hash", async (request) => ({
    data: await withSpend(ownKey(request, request.params.hash).key)
  }));
  app.patch("/api/v1/keys/:hash", async (request) => {
    const { key: current, caller } = ownKey(request, request.params.hash);
    const before = keyAuditView(current, deps.rateLimits.get(current.hash));
    const body = parseWithSchema(patchKeySchema, request.body);
    const patch = {};
    if (body.name !== void 0) patch.name = body.name;
    if (body.disabled !== void 0) patch.disabled = body.disabled;
    if (body.limit !== void 0) patch.limit = body.limit === null ? null : String(body.limit);
    if (body.limit_reset !== void 0) patch.limitReset = body.limit_reset;
    if (body.include_byok_in_limit !== void 0) patch.includeByokInLimit = body.include_byok_in_limit;
    if (body.rate_limits) await deps.rateLimits.update(request.params.hash, toKeyRateLimitsPatch(body.rate_limits));
    const updated = await deps.keys.update(request.params.hash, patch);
    if (!updated) throw new NotFoundError(`No API key with hash ${request.params.hash}`);
    await deps.audit.record(auditActor(request, caller), {
      action: "key.update",
      workspaceId: updated.workspaceId,
      targetId: updated.hash,
      before,
      after: keyAuditView(updated, deps.rateLimits.get(updated.hash))
    });
    return { data: await withSpend(updated) };
  });
  app.delete("/api/v1/keys/:hash", async (request) => {
    const { key, caller } = ownKey(request, request.params.hash);
    const before = keyAuditView(key, deps.rateLimits.get(key.hash));
    await deps.keys.delete(request.params.hash);
    await deps.rateLimits.delete(request.params.hash);
    await deps.audit.record(auditActor(request, caller), { action: "key.delete", workspaceId: key.workspaceId, targetId: key.hash, before });
    return { deleted: true };
  });
}
export {
  registerKeyManagementRoutes
};
//# sourceMappingURL=key-management-routes.js.map
