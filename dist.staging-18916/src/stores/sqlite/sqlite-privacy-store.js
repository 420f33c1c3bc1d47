import { privacySettingsSchema } from "../../core/privacy-settings.js";
class SqlitePrivacyStore {
  constructor(db) {
    this.db = db;
  }
  db;
  async listSettings() {
    const rows = await this.db.selectFrom("workspace_privacy").selectAll().execute();
    return rows.map((row) => ({ workspaceId: row.workspace_id, settings: privacySettingsSchema.parse(JSON.parse(row.settings)) }));
  }
  async putSettings(workspaceId, settings) {
    const row = { workspace_id: workspaceId, settings: JSON.stringify(settings), updated_at: (/* @__PURE__ */ new Date()).toISOString() };
    await this.db.insertInto("workspace_privacy").values(row).onConflict((conflict) => conflict.column("workspace_id").doUpdateSet({ settings: row.settings, updated_at: row.updated_at })).execute();
  }
  async saveContent(record) {
    await this.db.insertInto("generation_content").values({
      generation_id: record.generationId,
      workspace_id: record.workspaceId,
      key_hash: record.keyHash,
      input: record.input,
      output: record.output,
      created_at: record.createdAt,
      expires_at: record.expiresAt
    }).onConflict((conflict) => conflict.column("generation_id").doNothing()).execute();
  }
  async findContent(id, workspaceId, now) {
    const row = await this.db.selectFrom("generation_content").selectAll().where("generation_id", "=", id).where("workspace_id", "=", workspaceId).where("expires_at", ">", now).executeTakeFirst();
    return row && {
      generationId: row.generation_id,
      workspaceId: row.workspace_id,
      keyHash: row.key_hash,
      input: row.input,
      output: row.output,
      createdAt: row.created_at,
      expiresAt: row.expires_at
    };
  }
  async purgeExpiredContent(now) {
    const result = await this.db.deleteFrom("generation_content").where("expires_at", "<=", now).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
export {
  SqlitePrivacyStore
};
//# sourceMappingURL=sqlite-privacy-store.js.map
