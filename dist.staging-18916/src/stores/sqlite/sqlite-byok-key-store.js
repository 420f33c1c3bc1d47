class SqliteByokKeyStore {
  constructor(db) {
    this.db = db;
  }
  db;
  async create(record) {
    await this.db.insertInto("byok_keys").values(toRow(record)).execute();
  }
  async listAll() {
    const rows = await this.db.selectFrom("byok_keys").selectAll().orderBy("workspace_id").orderBy("provider").orderBy("sort_order").orderBy("created_at").orderBy("id").execute();
    return rows.map(fromRow);
  }
  async update(id, patch, updatedAt) {
    const set = { updated_at: updatedAt };
    if (patch.name !== void 0) set.name = patch.name;
    if (patch.label !== void 0) set.label = patch.label;
    if (patch.disabled !== void 0) set.disabled = patch.disabled ? 1 : 0;
    if (patch.alwaysUse !== void 0) set.always_use = patch.alwaysUse ? 1 : 0;
    if (patch.isFallback !== void 0) set.is_fallback = patch.isFallback ? 1 : 0;
    if (patch.allowedModels !== void 0) set.allowed_models = patch.allowedModels === null ? null : JSON.stringify(patch.allowedModels);
    if (patch.sortOrder !== void 0) set.sort_order = patch.sortOrder;
    if (patch.secret !== void 0) Object.assign(set, secretColumns(patch.secret));
    const row = await this.db.updateTable("byok_keys").set(set).where("id", "=", id).returningAll().executeTakeFirst();
    return row && fromRow(row);
  }
  async delete(id) {
    const result = await this.db.deleteFrom("byok_keys").where("id", "=", id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
  async getKeyCheck() {
    const row = await this.db.selectFrom("master_key_check").selectAll().where("id", "=", 1).executeTakeFirst();
    return row && { keyId: row.key_id, iv: new Uint8Array(row.iv), authTag: new Uint8Array(row.auth_tag), ciphertext: new Uint8Array(row.ciphertext) };
  }
  async replaceSecrets(options) {
    await this.db.transaction().execute(async (trx) => {
      const check = { ...secretColumns(options.check), created_at: (/* @__PURE__ */ new Date()).toISOString() };
      await trx.insertInto("master_key_check").values({ id: 1, ...check }).onConflict((conflict) => conflict.column("id").doUpdateSet(check)).execute();
      for (const { id, secret } of options.secrets) {
        const result = await trx.updateTable("byok_keys").set(secretColumns(secret)).where("id", "=", id).executeTakeFirst();
        if (result.numUpdatedRows !== 1n) throw new Error(`BYOK key ${id} does not exist`);
      }
    });
  }
}
function secretColumns(secret) {
  return { key_id: secret.keyId, iv: Buffer.from(secret.iv), auth_tag: Buffer.from(secret.authTag), ciphertext: Buffer.from(secret.ciphertext) };
}
function toRow(record) {
  return {
    id: record.id,
    workspace_id: record.workspaceId,
    provider: record.provider,
    name: record.name,
    label: record.label,
    disabled: record.disabled ? 1 : 0,
    always_use: record.alwaysUse ? 1 : 0,
    is_fallback: record.isFallback ? 1 : 0,
    allowed_models: record.allowedModels === null ? null : JSON.stringify(record.allowedModels),
    sort_order: record.sortOrder,
    ...secretColumns(record.secret),
    created_at: record.createdAt,
    updated_at: record.updatedAt
  };
}
function fromRow(row) {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    provider: row.provider,
    name: row.name,
    label: row.label,
    disabled: row.disabled === 1,
    alwaysUse: row.always_use === 1,
    isFallback: row.is_fallback === 1,
    allowedModels: row.allowed_models === null ? null : JSON.parse(row.allowed_models),
    sortOrder: row.sort_order,
    secret: { keyId: row.key_id, iv: new Uint8Array(row.iv), authTag: new Uint8Array(row.auth_tag), ciphertext: new Uint8Array(row.ciphertext) },
    createdAt: row.created_at,
    updatedAt: row.updated_at
  };
}
export {
  SqliteByokKeyStore
};
//# sourceMappingURL=sqlite-byok-key-store.js.map
