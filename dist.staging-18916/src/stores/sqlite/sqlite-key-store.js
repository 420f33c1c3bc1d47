class SqliteKeyStore {
  constructor(db) {
    this.db = db;
  }
  db;
  async create(record) {
    await this.db.insertInto("api_keys").values(toRow(record)).execute();
  }
  async findByHash(hash) {
    const row = await this.db.selectFrom("api_keys").selectAll().where("hash", "=", hash).executeTakeFirst();
    return row && fromRow(row);
  }
  async listAll() {
    const rows = await this.db.selectFrom("api_keys").selectAll().orderBy("created_at").orderBy("hash").execute();
    return rows.map(fromRow);
  }
  async list(options) {
    let query = this.db.selectFrom("api_keys").selectAll().where("kind", "=", options.kind);
    if (!options.includeDisabled) query = query.where("disabled", "=", 0);
    const rows = await query.orderBy("created_at").orderBy("hash").limit(options.limit).offset(options.offset).execute();
    return rows.map(fromRow);
  }
  async update(hash, patch, updatedAt) {
    const row = await this.db.updateTable("api_keys").set(toPatchRow(patch, updatedAt)).where("hash", "=", hash).returningAll().executeTakeFirst();
    return row && fromRow(row);
  }
  async delete(hash) {
    const result = await this.db.deleteFrom("api_keys").where("hash", "=", hash).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}
function toRow(record) {
  return {
    hash: record.hash,
    kind: record.kind,
    name: record.name,
    label: record.label,
    disabled: record.disabled ? 1 : 0,
    limit_usd: record.limit,
    limit_reset: record.limitReset,
    include_byok_in_limit: record.includeByokInLimit ? 1 : 0,
    workspace_id: record.workspaceId,
    creator_user_id: record.creatorUserId,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    expires_at: record.expiresAt
  };
}
function toPatchRow(patch, updatedAt) {
  const row = { updated_at: updatedAt };
  if (patch.name !== void 0) row.name = patch.name;
  if (patch.disabled !== void 0) row.disabled = patch.disabled ? 1 : 0;
  if (patch.limit !== void 0) row.limit_usd = patch.limit;
  if (patch.limitReset !== void 0) row.limit_reset = patch.limitReset;
  if (patch.includeByokInLimit !== void 0) row.include_byok_in_limit = patch.includeByokInLimit ? 1 : 0;
  if (patch.expiresAt !== void 0) row.expires_at = patch.expiresAt;
  return row;
}
function fromRow(row) {
  return {
    hash: row.hash,
    kind: row.kind,
    name: row.name,
    label: row.label,
    disabled: row.disabled === 1,
    limit: row.limit_usd,
    limitReset: row.limit_reset,
    includeByokInLimit: row.include_byok_in_limit === 1,
    workspaceId: row.workspace_id,
    creatorUserId: row.creator_user_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    expiresAt: row.expires_at
  };
}
export {
  SqliteKeyStore
};
//# sourceMappingURL=sqlite-key-store.js.map
