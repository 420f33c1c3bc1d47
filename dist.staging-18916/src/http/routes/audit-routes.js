import { InvalidRequestError } from "../../core/errors/gateway-error.js";
import { encodeAuditEntry } from "../management/encode-audit-entry.js";
import { readQueryInteger } from "../read-query-integer.js";
const KNOWN = /* @__PURE__ */ new Set(["workspace_id", "action", "actor_key_hash", "target_id", "since", "until", "cursor", "limit"]);
function registerAuditRoutes(app, deps) {
  app.get("/api/v1/audit", async (request) => {
    deps.keys.authenticate(request.headers.authorization, "management");
    const query = request.query;
    const unknown = Object.keys(query).filter((name) => !KNOWN.has(name));
    if (unknown.length > 0) {
      throw new InvalidRequestError(`Unknown query parameter ${unknown[0]}; /api/v1/audit takes ${[...KNOWN].join(", ")}`, { metadata: { parameter: unknown[0] } });
    }
    const limit = readQueryInteger(query.limit, { name: "limit", fallback: 50, min: 1, max: 200 });
    const beforeId = query.cursor === void 0 ? void 0 : readQueryInteger(query.cursor, { name: "cursor", fallback: 0, min: 1, max: Number.MAX_SAFE_INTEGER });
    const entries = await deps.audit.list({
      workspaceId: nonEmpty(query.workspace_id),
      action: nonEmpty(query.action),
      actorKeyHash: nonEmpty(query.actor_key_hash),
      targetId: nonEmpty(query.target_id),
      since: readTime(query.since, "since"),
      until: readTime(query.until, "until"),
      beforeId,
      limit: limit + 1
    });
    const page = entries.slice(0, limit);
    return { data: page.map(encodeAuditEntry), next_cursor: entries.length > limit ? String(page.at(-1).id) : null };
  });
}
function nonEmpty(value) {
  return value === void 0 || value === "" ? void 0 : value;
}
function readTime(value, name) {
  if (value === void 0 || value === "") return void 0;
  const time = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) throw new InvalidRequestError(`${name} must be an ISO-8601 date or timestamp, e.g. 2026-12-01T00:00:00Z`, { metadata: { parameter: name } });
  return time;
}
export {
  registerAuditRoutes
};
//# sourceMappingURL=audit-routes.js.map
