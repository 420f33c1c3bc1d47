const TABLE = { key: "guardrail_key_assignments", member: "guardrail_member_assignments" };
const TARGET = { key: "key_hash", member: "member_id" };
class SqliteGuardrailStore {
  #db;
  constructor(db) {
    this.#db = db.withTables();
  }
  async create(record) {
    await this.#db.insertInto("guardrails").values(toRow(record)).execute();
  }
  async get(id, workspaceId) {
    const row = await this.#db.selectFrom("guardrails").selectAll().where("id", "=", id).where("workspace_id", "=", workspaceId).executeTakeFirst();
    return row && fromRow(row);
  }
  async list(workspaceId, options) {
    const rows = await this.#db.selectFrom("guardrails").selectAll().where("workspace_id", "=", workspaceId).orderBy("created_at").orderBy("id").limit(options.limit).offset(options.offset).execute();
    return rows.map(fromRow);
  }
  async update(record) {
    const row = await this.#db.updateTable("guardrails").set({ name: record.name, policy: JSON.stringify(record.policy), updated_at: record.updatedAt }).where("id", "=", record.id).where("workspace_id", "=", record.workspaceId).returningAll().executeTakeFirst();
    return row && fromRow(row);
  }
  async delete(id, workspaceId) {
    const result = await this.#db.deleteFrom("guardrails").where("id", "=", id).where("workspace_id", "=", workspaceId).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
  async assign(kind, assignments) {
    if (assignments.length === 0) return 0;
    const target = TARGET[kind];
    const rows = assignments.map((a) => ({ workspace_id: a.workspaceId, [target]: a.target, guardrail_id: a.guardrailId, created_at: a.createdAt }));
    await this.#db.transaction().execute(async (tx) => {
      for (const row of rows) {
        await tx.insertInto(TABLE[kind]).values(row).onConflict((conflict) => conflict.columns(["workspace_id", target]).doUpdateSet({ guardrail_id: row.guardrail_id, created_at: row.created_at })).execute();
      }
    });
    return assignments.length;
  }
  async unassign(kind, options) {
    if (options.targets.length === 0) return 0;
    const result = await this.#db.deleteFrom(TABLE[kind]).where("workspace_id", "=", options.workspaceId).where("guardrail_id", "=", options.guardrailId).where(TARGET[kind], "in", [...new Set(options.targets)]).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
  async listAssignments(kind, options) {
    let query = this.#db.selectFrom(TABLE[kind]).selectAll().where("workspace_id", "=", options.workspaceId);
    if (options.guardrailId !== void 0) query = query.where("guardrail_id", "=", options.guardrailId);
    const rows = await query.orderBy("created_at").orderBy(TARGET[kind]).execute();
    return rows.map((row) => fromAssignment(row, kind));
  }
  async loadAll() {
    const guardrails = (await this.#db.selectFrom("guardrails").selectAll().execute()).map(fromRow);
    const keys = (await this.#db.selectFrom("guardrail_key_assignments").selectAll().execute()).map((row) => fromAssignment(row, "key"));
    const members = (await this.#db.selectFrom("guardrail_member_assignments").selectAll().execute()).map((row) => fromAssignment(row, "member"));
    return { guardrails, keys, members };
  }
}
function toRow(record) {
  return {
    id: record.id,
    workspace_id: record.workspaceId,
    name: record.name,
    policy: JSON.stringify(record.policy),
    created_at: record.createdAt,
    updated_at: record.updatedAt
  };
}
function fromRow(row) {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    policy: JSON.parse(row.policy),
    createdAt: row.created_at,
    updatedAt: row.updated_at
  };
}
function fromAssignment(row, kind) {
  return { guardrailId: row.guardrail_id, workspaceId: row.workspace_id, target: row[TARGET[kind]], createdAt: row.created_at };
}
export {
  SqliteGuardrailStore
};
//# sourceMappingURL=sqlite-guardrail-store.js.map
