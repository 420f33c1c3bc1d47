import { randomUUID } from "node:crypto";
import { z } from "zod";
import { formatUsd, parseUsd, usdToNumber } from "../../core/money.js";
import { purchaseFee } from "../../billing/purchase-fee.js";
import { InvalidRequestError, NotFoundError } from "../../core/errors/gateway-error.js";
import { workspaceScope } from "../../stores/ledger.js";
import { parseWithSchema } from "../codecs/parse-with-schema.js";
import { auditActor } from "../audit-actor.js";
const addCreditsSchema = z.strictObject({
  amount: z.union([z.number().positive().max(1e6), z.string().regex(/^\d+(\.\d+)?$/, "a positive decimal")]),
  workspace_id: z.string().min(1).optional(),
  note: z.string().max(500).nullable().optional()
});
function registerCreditRoutes(app, deps) {
  const workspaceOf = (request, management) => {
    const caller = deps.keys.authenticate(request.headers.authorization, management ? "management" : "any").key;
    const id = caller.kind === "management" ? request.query.workspace_id ?? caller.workspaceId : caller.workspaceId;
    if (!deps.directory.workspace(id)) throw new NotFoundError(`No workspace ${JSON.stringify(id)}`);
    return id;
  };
  const totals = async (workspaceId) => {
    const scope = workspaceScope(workspaceId);
    const account = (await deps.ledger.snapshot([scope], deps.now())).get(scope);
    return { total_credits: usdToNumber(account.credits), total_usage: usdToNumber(account.spend.total) };
  };
  app.get("/api/v1/credits", async (request) => ({ data: await totals(workspaceOf(request, false)) }));
  app.get("/api/v1/credits/grants", async (request) => {
    const grants = await deps.ledger.listCredits(workspaceOf(request, true));
    return { data: grants.map(encodeGrant) };
  });
  app.post("/api/v1/credits", async (request, reply) => {
    const caller = deps.keys.authenticate(request.headers.authorization, "management").key;
    const body = parseWithSchema(addCreditsSchema, request.body);
    const workspaceId = body.workspace_id ?? caller.workspaceId;
    if (!deps.directory.workspace(workspaceId)) throw new NotFoundError(`No workspace ${JSON.stringify(workspaceId)}`);
    const amount = parseUsd(body.amount);
    if (amount <= 0n) throw new InvalidRequestError("amount must be positive");
    const grant = {
      id: randomUUID(),
      workspaceId,
      amount,
      fee: purchaseFee(amount, deps.purchaseFee),
      note: body.note ?? null,
      createdAt: deps.now().toISOString()
    };
    const account = await deps.ledger.addCredits(grant);
    deps.directory.recordCredits(workspaceId, account.credits);
    await deps.audit.record(auditActor(request, caller), { action: "credits.add", workspaceId, targetId: grant.id, after: encodeGrant(grant) });
    reply.code(201);
    return { data: { ...encodeGrant(grant), ...await totals(workspaceId) } };
  });
}
function encodeGrant(grant) {
  return {
    id: grant.id,
    workspace_id: grant.workspaceId,
    amount: usdToNumber(grant.amount),
    fee: usdToNumber(grant.fee),
    charge_total: Number(formatUsd(grant.amount + grant.fee)),
    note: grant.note,
    created_at: grant.createdAt
  };
}
export {
  registerCreditRoutes
};
//# sourceMappingURL=credit-routes.js.map
