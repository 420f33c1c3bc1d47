import { randomUUID } from "node:crypto";
import { z } from "zod";
import { formatUsd, parseUsd } from "../../core/money.js";
import { InvalidRequestError, NotFoundError } from "../../core/errors/gateway-error.js";
import { parseWithSchema } from "../codecs/parse-with-schema.js";
import { readQueryInteger } from "../read-query-integer.js";
import { auditActor } from "../audit-actor.js";
const action = z.enum(["flag", "redact", "block"]);
const idList = z.array(z.string().min(1).max(200)).max(1e3);
const policyFields = {
  description: z.string().max(2e3).nullable().optional(),
  limit_usd: z.number().nonnegative().nullable().optional(),
  reset_interval: z.enum(["daily", "weekly", "monthly"]).nullable().optional(),
  include_byok_in_budgets: z.boolean().optional(),
  allowed_models: idList.nullable().optional(),
  allowed_providers: idList.nullable().optional(),
  ignored_providers: idList.nullable().optional(),
  enforce_zdr: z.boolean().optional(),
  content_filter_builtins: z.array(z.strictObject({ slug: z.string().min(1).max(100), action, scan_scope: z.enum(["user_only", "all_messages"]).optional() })).max(20).optional(),
  // Pattern length is checked by compileCustomPattern, with a clearer message than zod's.
  content_filters: z.array(z.strictObject({ pattern: z.string(), action, label: z.string().min(1).max(100).optional() })).optional(),
  scan_output: z.boolean().optional()
};
const createSchema = z.strictObject({ name: z.string().min(1).max(200), ...policyFields });
const patchSchema = z.strictObject({ name: z.string().min(1).max(200).optional(), ...policyFields });
const keyHashes = z.strictObject({ key_hashes: z.array(z.string().min(1).max(200)).min(1).max(1e3) });
const memberIds = z.strictObject({ member_user_ids: z.array(z.string().min(1).max(200)).min(1).max(1e3) });
const EMPTY_POLICY = {
  description: null,
  limit_usd: null,
  reset_interval: null,
  include_byok_in_budgets: false,
  allowed_models: null,
  allowed_providers: null,
  ignored_providers: null,
  enforce_zdr: false,
  content_filter_builtins: [],
  content_filters: [],
  scan_output: true
};
function applyPolicy(base, input) {
  const next = structuredClone(base);
  for (const [field, value] of Object.entries(input)) {
    if (value === void 0 || field === "name") continue;
    if (field === "limit_usd") next.limit_usd = value === null ? null : formatUsd(parseUsd(value));
    else next[field] = value;
  }
  return next;
}
function encodeGuardrail(record) {
  const { policy } = record;
  return {
    id: record.id,
    name: record.name,
    ...policy,
    limit_usd: policy.limit_usd === null ? null : Number(policy.limit_usd),
    workspace_id: record.workspaceId,
    created_at: record.createdAt,
    updated_at: record.updatedAt
  };
}
function registerGuardrailRoutes(app, deps) {
  const manager = (request) => deps.keys.authenticate(request.headers.authorization, "management").key;
  const workspace = (request) => manager(request).workspaceId;
  const find = async (request, id) => {
    const record = await deps.guardrails.store.get(id, workspace(request));
    if (!record) throw new NotFoundError(`No guardrail with id ${id}`);
    return record;
  };
  const audit = (request, change) => deps.audit.record(auditActor(request, manager(request)), change);
  app.get("/api/v1/guardrails", async (request) => {
    const offset = readQueryInteger(request.query.offset, { name: "offset", fallback: 0, min: 0, max: 1e9 });
    const limit = readQueryInteger(request.query.limit, { name: "limit", fallback: 100, min: 1, max: 100 });
    const workspaceId = workspace(request);
    const records = await deps.guardrails.store.list(workspaceId, { offset, limit });
    return { data: records.map(encodeGuardrail), total_count: deps.guardrails.countFor(workspaceId) };
  });
  app.post("/api/v1/guardrails", async (request, reply) => {
    const workspaceId = workspace(request);
    const body = parseWithSchema(createSchema, request.body);
    const record = {
      id: randomUUID(),
      workspaceId,
      name: body.name,
      policy: applyPolicy(EMPTY_POLICY, body),
      createdAt: (/* @__PURE__ */ new Date()).toISOString(),
      updatedAt: null
    };
    await deps.guardrails.create(record);
    await audit(request, { action: "guardrail.create", workspaceId, targetId: record.id, after: encodeGuardrail(record) });
    reply.code(201);
    return { data: encodeGuardrail(record) };
  });
  app.get("/api/v1/guardrails/:id", async (request) => ({ data: encodeGuardrail(await find(request, request.params.id)) }));
  app.patch("/api/v1/guardrails/:id", async (request) => {
    const current = await find(request, request.params.id);
    const body = parseWithSchema(patchSchema, request.body);
    const next = { ...current, name: body.name ?? current.name, policy: applyPolicy(current.policy, body), updatedAt: (/* @__PURE__ */ new Date()).toISOString() };
    const stored = await deps.guardrails.update(next);
    if (!stored) throw new NotFoundError(`No guardrail with id ${request.params.id}`);
    await audit(request, { action: "guardrail.update", workspaceId: stored.workspaceId, targetId: stored.id, before: encodeGuardrail(current), after: encodeGuardrail(stored) });
    return { data: encodeGuardrail(stored) };
  });
  app.delete("/api/v1/guardrails/:id", async (request) => {
    const current = await find(request, request.params.id);
    const deleted = await deps.guardrails.delete(current.id, current.workspaceId);
    if (!deleted) throw new NotFoundError(`No guardrail with id ${request.params.id}`);
    await audit(request, { action: "guardrail.delete", workspaceId: current.workspaceId, targetId: current.id, before: encodeGuardrail(current) });
    return { deleted: true };
  });
  const encodeAssignment = (kind, a) => {
    if (kind === "member") return { id: `${a.guardrailId}:${a.target}`, user_id: a.target, organization_id: a.workspaceId, guardrail_id: a.guardrailId, assigned_by: null, created_at: a.createdAt };
    const key = deps.keys.get(a.target);
    return { id: `${a.guardrailId}:${a.target}`, key_hash: a.target, guardrail_id: a.guardrailId, key_name: key?.name ?? null, key_label: key?.label ?? null, assigned_by: null, created_at: a.createdAt };
  };
  for (const kind of ["key", "member"]) {
    const path = kind === "key" ? "keys" : "members";
    const targetField = kind === "key" ? "key_hashes" : "member_user_ids";
    const targets = (body, workspaceId) => {
      if (kind === "member") return parseWithSchema(memberIds, body).member_user_ids;
      const hashes = parseWithSchema(keyHashes, body).key_hashes;
      const unknown = hashes.filter((hash) => {
        const key = deps.keys.get(hash);
        return !key || key.workspaceId !== workspaceId || key.kind !== "inference";
      });
      if (unknown.length > 0) throw new InvalidRequestError(`key_hashes: no API key with hash ${unknown.slice(0, 5).join(", ")} in this workspace`);
      return hashes;
    };
    app.post(`/api/v1/guardrails/:id/assignments/${path}`, async (request) => {
      const guardrail = await find(request, request.params.id);
      const createdAt = (/* @__PURE__ */ new Date()).toISOString();
      const list = [...new Set(targets(request.body, guardrail.workspaceId))];
      const assigned = await deps.guardrails.assign(kind, list.map((target) => ({ guardrailId: guardrail.id, workspaceId: guardrail.workspaceId, target, createdAt })));
      await audit(request, { action: `guardrail.assign_${path}`, workspaceId: guardrail.workspaceId, targetId: guardrail.id, after: { [targetField]: list, assigned_count: assigned } });
      return { assigned_count: assigned };
    });
    app.post(`/api/v1/guardrails/:id/assignments/${path}/remove`, async (request) => {
      const guardrail = await find(request, request.params.id);
      const body = kind === "key" ? parseWithSchema(keyHashes, request.body).key_hashes : parseWithSchema(memberIds, request.body).member_user_ids;
      const removed = await deps.guardrails.unassign(kind, { guardrailId: guardrail.id, workspaceId: guardrail.workspaceId, targets: body });
      await audit(request, { action: `guardrail.unassign_${path}`, workspaceId: guardrail.workspaceId, targetId: guardrail.id, before: { [targetField]: body }, after: { unassigned_count: removed } });
      return { unassigned_count: removed };
    });
    app.get(`/api/v1/guardrails/:id/assignments/${path}`, async (request) => {
      const guardrail = await find(request, request.params.id);
      const data = await deps.guardrails.store.listAssignments(kind, { workspaceId: guardrail.workspaceId, guardrailId: guardrail.id });
      return { data: data.map((a) => encodeAssignment(kind, a)), total_count: data.length };
    });
    app.get(`/api/v1/guardrails/assignments/${path}`, async (request) => {
      const data = await deps.guardrails.store.listAssignments(kind, { workspaceId: workspace(request) });
      return { data: data.map((a) => encodeAssignment(kind, a)), total_count: data.length };
    });
  }
}
export {
  registerGuardrailRoutes
};
//# sourceMappingURL=guardrail-routes.js.map
