import { z } from "zod";
import { parseWithSchema } from "../codecs/parse-with-schema.js";
import { auditActor } from "../audit-actor.js";
import { SCRUBBED } from "../../audit/scrub-audit-values.js";
const providerKey = z.string().trim().min(8, "must be a provider API key").max(8192);
const modelIds = z.array(z.string().min(1)).min(1).max(1e3).nullable();
const createSchema = z.strictObject({
  provider: z.string().min(1).max(100),
  key: providerKey,
  name: z.string().min(1).max(200).optional(),
  disabled: z.boolean().optional(),
  always_use: z.boolean().optional(),
  is_fallback: z.boolean().optional(),
  allowed_models: modelIds.optional(),
  sort_order: z.number().int().min(0).max(1e6).optional()
});
const patchSchema = createSchema.omit({ provider: true }).partial();
function encodeByokKey(record) {
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
    updated_at: record.updatedAt
  };
}
function registerByokRoutes(app, deps) {
  const manager = (request) => deps.keys.authenticate(request.headers.authorization, "management").key;
  const workspace = (request) => manager(request).workspaceId;
  app.get("/api/v1/byok", async (request) => ({ data: deps.byok.list(workspace(request)).map(encodeByokKey) }));
  app.post("/api/v1/byok", async (request, reply) => {
    const caller = manager(request);
    const workspaceId = caller.workspaceId;
    const body = parseWithSchema(createSchema, request.body);
    const record = await deps.byok.create(workspaceId, {
      provider: body.provider,
      key: body.key,
      name: body.name,
      disabled: body.disabled,
      alwaysUse: body.always_use,
      isFallback: body.is_fallback,
      allowedModels: body.allowed_models,
      sortOrder: body.sort_order
    });
    await deps.audit.record(auditActor(request, caller), { action: "byok.create", workspaceId, targetId: record.id, after: { ...encodeByokKey(record), key: SCRUBBED } });
    reply.code(201);
    return { data: encodeByokKey(record) };
  });
  app.get("/api/v1/byok/:id", async (request) => ({
    data: encodeByokKey(deps.byok.get(workspace(request), request.params.id))
  }));
  app.patch("/api/v1/byok/:id", async (request) => {
    const caller = manager(request);
    const workspaceId = caller.workspaceId;
    const current = deps.byok.get(workspaceId, request.params.id);
    const body = parseWithSchema(patchSchema, request.body);
    const change = {
      key: body.key,
      name: body.name,
      disabled: body.disabled,
      alwaysUse: body.always_use,
      isFallback: body.is_fallback,
      allowedModels: body.allowed_models,
      sortOrder: body.sort_order
    };
    const updated = await deps.byok.update(workspaceId, request.params.id, change);
    await deps.audit.record(auditActor(request, caller), {
      action: "byok.update",
      workspaceId,
      targetId: updated.id,
      // A rotated provider key shows as a changed `key` field, its values never.
      before: { ...encodeByokKey(current), ...body.key === void 0 ? {} : { key: null } },
      after: { ...encodeByokKey(updated), ...body.key === void 0 ? {} : { key: SCRUBBED } }
    });
    return { data: encodeByokKey(updated) };
  });
  app.delete("/api/v1/byok/:id", async (request) => {
    const caller = manager(request);
    const current = deps.byok.get(caller.workspaceId, request.params.id);
    await deps.byok.delete(caller.workspaceId, request.params.id);
    await deps.audit.record(auditActor(request, caller), { action: "byok.delete", workspaceId: caller.workspaceId, targetId: current.id, before: encodeByokKey(current) });
    return { deleted: true };
  });
}
export {
  encodeByokKey,
  registerByokRoutes
};
//# sourceMappingURL=byok-routes.js.map
