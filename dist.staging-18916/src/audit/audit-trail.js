import { scrubAuditValues } from "./scrub-audit-values.js";
class AuditTrail {
  #store;
  #now;
  constructor(store, now = Date.now) {
    this.#store = store;
    this.#now = now;
  }
  async record(actor, change) {
    let before = change.before ? scrubAuditValues(change.before) : null;
    let after = change.after ? scrubAuditValues(change.after) : null;
    if (before && after) [before, after] = changedFields(before, after);
    return this.#store.append({
      workspaceId: change.workspaceId,
      actorKeyHash: actor.keyHash,
      actorName: actor.keyName,
      action: change.action,
      targetId: change.targetId,
      ip: actor.ip,
      before,
      after,
      createdAt: this.#now()
    });
  }
  list(query) {
    return this.#store.list(query);
  }
}
function changedFields(before, after) {
  const was = {};
  const now = {};
  for (const field of /* @__PURE__ */ new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[field]) === JSON.stringify(after[field])) continue;
    if (field in before) was[field] = before[field];
    if (field in after) now[field] = after[field];
  }
  return [was, now];
}
export {
  AuditTrail
};
//# sourceMappingURL=audit-trail.js.map
