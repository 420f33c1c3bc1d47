import { randomBytes } from "node:crypto";
import { z } from "zod";
import { InvalidRequestError, NotFoundError } from "../../core/errors/gateway-error.js";
import { encodeMember } from "../management/encode-member.js";
import { parseWithSchema } from "../codecs/parse-with-schema.js";
import { auditActor } from "../audit-actor.js";
import { memberAuditView } from "../management/audit-views.js";
const slug = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, "letters, digits, _ . - (at most 64)");
const limit = z.number().nonnegative().nullable();
const limitReset = z.enum(["daily", "weekly", "monthly"]).nullable();
const createWorkspaceSchema = z.strictObject({ id: slug.optional(), name: z.string().min(1).max(200) });
const createMemberSchema = z.strictObject({
  id: slug.optional(),
  name: z.string().min(1).max(200),
  email: z.string().max(320).nullable().optional(),
  limit: limit.optional(),
  limit_reset: limitReset.optional(),
  include_byok_in_limit: z.boolean().optional()
});
const patchMemberSchema = createMemberSchema.omit({ id: true }).partial();
function registerWorkspaceRoutes(app, deps) {
  const manager = (request) => deps.keys.authenticate(request.headers.authorization, "management").key;
  const workspace = (id) => {
    const found = deps.directory.workspace(id);
    if (!found) throw new NotFoundError(`No workspace ${JSON.stringify(id)}`);
    return found;
  };
  const withUsage = async (member) => {
    const scope = `member:${member.id}`;
    return encodeMember(member, (await deps.ledger.snapshot([scope], deps.now())).get(scope));
  };
  const memberIn = (workspaceId, memberId) => {
    const member = deps.directory.member(memberId);
    if (!member || member.workspaceId !== workspaceId) throw new NotFoundError(`No member ${JSON.stringify(memberId)} in workspace ${JSON.stringify(workspaceId)}`);
    return member;
  };
  app.get("/api/v1/workspaces", async (request) => {
    manager(request);
    return { data: deps.directory.workspaces().map((w) => ({ id: w.id, name: w.name, created_at: w.createdAt })) };
  });
  app.post("/api/v1/workspaces", async (request, reply) => {
    const caller = manager(request);
    const body = parseWithSchema(createWorkspaceSchema, request.body);
    const id = body.id ?? `ws_${randomBytes(8).toString("hex")}`;
    if (deps.directory.workspace(id)) throw new InvalidRequestError(`Workspace ${JSON.stringify(id)} already exists`);
    const record = { id, name: body.name, createdAt: (/* @__PURE__ */ new Date()).toISOString() };
    await deps.directory.createWorkspace(record);
    await deps.audit.record(auditActor(request, caller), { action: "workspace.create", workspaceId: id, targetId: id, after: { name: record.name } });
    reply.code(201);
    return { data: { id, name: record.name, created_at: record.createdAt } };
  });
  app.get("/api/v1/workspaces/:id/members", async (request) => {
    manager(request);
    workspace(request.params.id);
    return { data: await Promise.all(deps.directory.members(request.params.id).map(withUsage)) };
  });
  app.post("/api/v1/workspaces/:id/members", async (request, reply) => {
    const caller = manager(request);
    const { id: workspaceId } = workspace(request.params.id);
    const body = parseWithSchema(createMemberSchema, request.body);
    const id = body.id ?? `user_${randomBytes(8).toString("hex")}`;
    if (deps.directory.member(id)) throw new InvalidRequestError(`Member ${JSON.stringify(id)} already exists`);
    const record = {
      id,
      workspaceId,
      name: body.name,
      email: body.email ?? null,
      limit: body.limit == null ? null : String(body.limit),
      limitReset: body.limit_reset ?? null,
      includeByokInLimit: body.include_byok_in_limit ?? false,
      createdAt: (/* @__PURE__ */ new Date()).toISOString(),
      updatedAt: null
    };
    await deps.directory.createMember(record);
    await deps.audit.record(auditActor(request, caller), { action: "member.create", workspaceId, targetId: id, after: memberAuditView(record) });
    reply.code(201);
    return { data: await withUsage(record) };
  });
  app.get("/api/v1/workspaces/:id/members/:member", async (request) => {
    manager(request);
    return { data: await withUsage(memberIn(request.params.id, request.params.member)) };
  });
  app.patch("/api/v1/workspaces/:id/members/:member", async (request) => {
    const caller = manager(request);
    const current = memberIn(request.params.id, request.params.member);
    const body = parseWithSchema(patchMemberSchema, request.body);
    const patch = {};
    if (body.name !== void 0) patch.name = body.name;
    if (body.email !== void 0) patch.email = body.email;
    if (body.limit !== void 0) patch.limit = body.limit === null ? null : String(body.limit);
    if (body.limit_reset !== void 0) patch.limitReset = body.limit_reset;
    if (body.include_byok_in_limit !== void 0) patch.includeByokInLimit = body.include_byok_in_limit;
    const updated = await deps.directory.updateMember(request.params.member, patch);
    if (!updated) throw new NotFoundError(`No member ${JSON.stringify(request.params.member)}`);
    await deps.audit.record(auditActor(request, caller), {
      action: "member.update",
      workspaceId: updated.workspaceId,
      targetId: updated.id,
      before: memberAuditView(current),
      after: memberAuditView(updated)
    });
    return { data: await withUsage(updated) };
  });
}
export {
  registerWorkspaceRoutes
};
//# sourceMappingURL=workspace-routes.js.map
