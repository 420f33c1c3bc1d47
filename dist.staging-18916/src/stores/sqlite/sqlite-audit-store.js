class SqliteAuditStore {
  constructor(db) {
    this.db = db;
  }
  db;
  async append(entry) {
    const { id } = await this.db.insertInto("audit_log").values({
      workspace_id: entry.workspaceId,
      actor_key_hash: entry.actorKeyHash,
      actor_name: entry.actorName,
      action: entry.action,
      target_id: entry.targetId,
      ip: entry.ip,
      before_json: entry.before === null ? null : JSON.stringify(entry.before),
      after_json: entry.after === null ? null : JSON.stringify(entry.after),
      created_at: entry.createdAt
    }).returning("id").executeTakeFirstOrThrow();
    return { ...structuredClone(entry), id };
  }
  async list(query) {
    let select = this.db.selectFrom("audit_log").selectAll();
    if (query.workspaceId !== void 0) select = select.where("workspace_id", "=", query.workspaceId);
    if (query.action !== void 0) select = select.where("action", "=", query.action);
    if (query.actorKeyHash !== void 0) select = select.where("actor_key_hash", "=", query.actorKeyHash);
    if (query.targetId !== void 0) select = select.where("target_id", "=", query.targetId);
    if (query.since !== void 0) select = select.where("created_at", ">=", query.since);
    if (query.until !== void 0) select = select.where("created_at", "<", query.until);
    if (query.beforeId !== void 0) select = select.where("id", "<", query.beforeId);
    const rows = await select.orderBy("id", "desc").limit(query.limit).execute();
    return rows.map(toEntry);
  }
}
function toEntry(row) {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    actorKeyHash: row.actor_key_hash,
    actorName: row.actor_name,
    action: row.action,
    targetId: row.target_id,
    ip: row.ip,
    before: row.before_json === null ? null : JSON.parse(row.before_json),
    after: row.after_json === null ? null : JSON.parse(row.after_json),
    createdAt: row.created_at
  };
}
export {
  SqliteAuditStore
};
//# sourceMappingURL=sqlite-audit-store.js.map
