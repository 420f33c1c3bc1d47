const copy = (record) => structuredClone(record);
class MemoryGuardrailStore {
  #guardrails = /* @__PURE__ */ new Map();
  #assignments = { key: /* @__PURE__ */ new Map(), member: /* @__PURE__ */ new Map() };
  async create(record) {
    if (this.#guardrails.has(record.id)) throw new Error(`Guardrail ${record.id} already exists`);
    this.#guardrails.set(record.id, copy(record));
  }
  async get(id, workspaceId) {
    const record = this.#guardrails.get(id);
    return record && record.workspaceId === workspaceId ? copy(record) : void 0;
  }
  async list(workspaceId, options) {
    return [...this.#guardrails.values()].filter((record) => record.workspaceId === workspaceId).sort((a, b) => compare(a.createdAt, b.createdAt) || compare(a.id, b.id)).slice(options.offset, options.offset + options.limit).map(copy);
  }
  async update(record) {
    const current = this.#guardrails.get(record.id);
    if (!current || current.workspaceId !== record.workspaceId) return void 0;
    const next = { ...copy(record), createdAt: current.createdAt };
    this.#guardrails.set(record.id, next);
    return copy(next);
  }
  async delete(id, workspaceId) {
    const current = this.#guardrails.get(id);
    if (!current || current.workspaceId !== workspaceId) return false;
    this.#guardrails.delete(id);
    for (const map of Object.values(this.#assignments)) {
      for (const [target, assignment] of map) if (assignment.guardrailId === id) map.delete(target);
    }
    return true;
  }
  async assign(kind, assignments) {
    for (const assignment of assignments) {
      if (!this.#guardrails.has(assignment.guardrailId)) throw new Error(`Guardrail ${assignment.guardrailId} does not exist`);
    }
    for (const assignment of assignments) this.#assignments[kind].set(`${assignment.workspaceId}|${assignment.target}`, { ...assignment });
    return assignments.length;
  }
  async unassign(kind, options) {
    let removed = 0;
    for (const target of new Set(options.targets)) {
      const key = `${options.workspaceId}|${target}`;
      if (this.#assignments[kind].get(key)?.guardrailId === options.guardrailId) {
        this.#assignments[kind].delete(key);
        removed += 1;
      }
    }
    return removed;
  }
  async listAssignments(kind, options) {
    return [...this.#assignments[kind].values()].filter((a) => a.workspaceId === options.workspaceId && (options.guardrailId === void 0 || a.guardrailId === options.guardrailId)).sort((a, b) => compare(a.createdAt, b.createdAt) || compare(a.target, b.target)).map((a) => ({ ...a }));
  }
  async loadAll() {
    return {
      guardrails: [...this.#guardrails.values()].map(copy),
      keys: [...this.#assignments.key.values()].map((a) => ({ ...a })),
      members: [...this.#assignments.member.values()].map((a) => ({ ...a }))
    };
  }
}
function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
export {
  MemoryGuardrailStore
};
//# sourceMappingURL=memory-guardrail-store.js.map
