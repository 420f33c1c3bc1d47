import { usdToNumber } from "../../core/money.js";
import { InvalidRequestError } from "../../core/errors/gateway-error.js";
const DAY_MS = 864e5;
const ACTIVITY_DAYS = 30;
function registerActivityRoutes(app, deps) {
  app.get("/api/v1/activity", async (request) => {
    deps.keys.authenticate(request.headers.authorization, "management");
    const today = deps.now().toISOString().slice(0, 10);
    const first = new Date(Date.parse(today) - ACTIVITY_DAYS * DAY_MS).toISOString().slice(0, 10);
    const { date, api_key_hash: keyHash, workspace_id: workspaceId } = request.query;
    if (date !== void 0 && (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date < first || date > today)) {
      throw new InvalidRequestError(`date must be a YYYY-MM-DD day between ${first} and ${today}`);
    }
    const rows = await deps.ledger.activity({ from: date ?? first, to: date ?? today, keyHash, workspaceId });
    return { data: groupByEndpoint(rows).map(encodeActivity) };
  });
}
function groupByEndpoint(rows) {
  const groups = /* @__PURE__ */ new Map();
  for (const row of rows) {
    const id = JSON.stringify([row.date, row.workspaceId, row.model, row.providerName]);
    const group = groups.get(id);
    if (!group) {
      groups.set(id, { ...row, keyHash: "" });
      continue;
    }
    group.usage += row.usage;
    group.byokUsage += row.byokUsage;
    group.requests += row.requests;
    group.promptTokens += row.promptTokens;
    group.completionTokens += row.completionTokens;
    group.reasoningTokens += row.reasoningTokens;
  }
  return [...groups.values()];
}
function encodeActivity(row) {
  return {
    date: row.date,
    model: row.model,
    model_permaslug: row.model,
    endpoint_id: `${row.providerName}/${row.model}`,
    provider_name: row.providerName,
    usage: usdToNumber(row.usage),
    byok_usage_inference: usdToNumber(row.byokUsage),
    requests: row.requests,
    prompt_tokens: row.promptTokens,
    completion_tokens: row.completionTokens,
    reasoning_tokens: row.reasoningTokens,
    workspace_id: row.workspaceId
  };
}
export {
  ACTIVITY_DAYS,
  encodeActivity,
  groupByEndpoint,
  registerActivityRoutes
};
//# sourceMappingURL=activity-routes.js.map
