import { ownerMemberId } from "../workspace-store.js";
class SqliteWorkspaceStore {
  constructor(db) {
    this.db = db;
  }
  db;
  async createWorkspace(record) {
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto("workspaces").values({ id: record.id, name: record.name, created_at: record.createdAt }).execute();
      await trx.insertInto("members").values({ id: ownerMemberId(record.id), workspace_id: record.id, name: "Owner", email: null, limit_usd: null, limit_reset: null, include_byok_in_limit: 0, created_at: record.createdAt, updated_at: null }).execute();
    });
  }
  async listWorkspaces() {
    const rows = await this.db.selectFrom("workspaces").selectAll().orderBy("created_at").orderBy("id").execute();
    return rows.map((row) => ({ id: row.id, name: row.name, createdAt: row.created_at }));
  }
  async createMember(record) {
    await this.db.insertInto("members").values({
      id: record.id,
      workspace_id: record.workspaceId,
      name: record.name,
      email: record.email,
      limit_usd: record.limit,
      limit_reset: record.limitReset,
      include_byok_in_limit: record.includeByokInLimit ? 1 : 0,
      created_at: record.createdAt,
      updated_at: record.updatedAt
    }).execute();
  }
  async listMembers() {
    const rows = await this.db.selectFrom("members").selectAll().orderBy("created_at").orderBy("id").execute();
    return rows.map(fromRow);
  }
  async updateMember(id, patch, updatedAt) {
    const row = await this.db.updateTable("members").set({
      updated_at: updatedAt,
      ...patch.name !== void 0 && { name: patch.name },
      ...patch.email !== void 0 && { email: patch.email },
      ...patch.limit !== void 0 && { limit_usd: patch.limit },
      ...patch.limitReset !== void 0 && { limit_reset: patch.limitReset },
      ...patch.includeByokInLimit !== void 0 && { include_byok_in_limit: patch.includeByokInLimit ? 1 : 0 }
    }).where("id", "=", id).returningAll().executeTakeFirst();
    return row && fromRow(row);
  }
}
function fromRow(row) {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    email: row.email,
    limit: row.limit_usd,
    limitReset: row.limit_reset,
    includeByokInLimit: row.include_byok_in_limit === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at
  };
}
export {
  SqliteWorkspaceStore
};
//# sourceMappingURL=sqlite-workspace-store.js.map
