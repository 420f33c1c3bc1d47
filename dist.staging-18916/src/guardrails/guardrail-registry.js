import { mergeRoutingConstraints } from "../routing/routing-constraints.js";
import { combineFilters } from "./compile-content-policy.js";
import { budgetFor, compileGuardrail } from "./compile-guardrail.js";
const target = (workspaceId, id) => `${workspaceId}|${id}`;
class GuardrailRegistry {
  #store;
  #compiled = /* @__PURE__ */ new Map();
  /** Guardrail id → its workspace, for the list's `total_count` without a database read. */
  #workspaceOf = /* @__PURE__ */ new Map();
  #assigned = { key: /* @__PURE__ */ new Map(), member: /* @__PURE__ */ new Map() };
  #resolved = /* @__PURE__ */ new Map();
  #version = 0;
  /** Bumped on every change to guardrails or assignments (the response cache keys on it). */
  get version() {
    return this.#version;
  }
  #changed() {
    this.#resolved.clear();
    this.#version += 1;
  }
  constructor(store) {
    this.#store = store;
  }
  /** Loads and compiles every guardrail. A stored guardrail that fails to compile stops start-up. */
  static async load(store) {
    const registry = new GuardrailRegistry(store);
    await registry.reload();
    return registry;
  }
  /** Re-reads and compiles every guardrail and assignment (at start, and when another node changed one). */
  async reload() {
    const all = await this.#store.loadAll();
    const compiled = new Map(all.guardrails.map((record) => [record.id, compileGuardrail(record)]));
    for (const map of [this.#compiled, this.#workspaceOf, this.#assigned.key, this.#assigned.member]) map.clear();
    for (const record of all.guardrails) {
      this.#compiled.set(record.id, compiled.get(record.id));
      this.#workspaceOf.set(record.id, record.workspaceId);
    }
    for (const a of all.keys) this.#assigned.key.set(target(a.workspaceId, a.target), a.guardrailId);
    for (const a of all.members) this.#assigned.member.set(target(a.workspaceId, a.target), a.guardrailId);
    this.#changed();
  }
  get store() {
    return this.#store;
  }
  /** How many guardrails the workspace has (the list endpoint's `total_count`, whatever the page). */
  countFor(workspaceId) {
    let count = 0;
    for (const owner of this.#workspaceOf.values()) if (owner === workspaceId) count += 1;
    return count;
  }
  /** Validates by compiling, then stores. */
  async create(record) {
    const compiled = compileGuardrail(record);
    await this.#store.create(record);
    this.#compiled.set(record.id, compiled);
    this.#workspaceOf.set(record.id, record.workspaceId);
    this.#changed();
  }
  async update(record) {
    compileGuardrail(record);
    const stored = await this.#store.update(record);
    if (stored) {
      this.#compiled.set(stored.id, compileGuardrail(stored));
      this.#changed();
    }
    return stored;
  }
  async delete(id, workspaceId) {
    const deleted = await this.#store.delete(id, workspaceId);
    if (deleted) {
      this.#compiled.delete(id);
      this.#workspaceOf.delete(id);
      for (const map of Object.values(this.#assigned)) for (const [key, value] of map) if (value === id) map.delete(key);
      this.#changed();
    }
    return deleted;
  }
  async assign(kind, assignments) {
    const count = await this.#store.assign(kind, assignments);
    for (const a of assignments) this.#assigned[kind].set(target(a.workspaceId, a.target), a.guardrailId);
    this.#changed();
    return count;
  }
  async unassign(kind, options) {
    const count = await this.#store.unassign(kind, options);
    for (const id of options.targets) {
      const key = target(options.workspaceId, id);
      if (this.#assigned[kind].get(key) === options.guardrailId) this.#assigned[kind].delete(key);
    }
    this.#changed();
    return count;
  }
  /**
   * The guardrails that apply to a key's requests: the key's own and its member's (the
   * key's `creator_user_id`), combined — allow-lists intersect, ZDR is OR-ed, filters are
   * unioned with the stricter action, and each budget stays separate. Undefined when none.
   */
  forKey(key) {
    const cached = this.#resolved.get(key.hash);
    if (cached !== void 0) return cached ?? void 0;
    const resolved = this.#resolve(key);
    this.#resolved.set(key.hash, resolved ?? null);
    return resolved;
  }
  #resolve(key) {
    const applicable = [];
    const byKey = this.#assigned.key.get(target(key.workspaceId, key.hash));
    const keyGuardrail = byKey === void 0 ? void 0 : this.#compiled.get(byKey);
    if (keyGuardrail) applicable.push({ guardrail: keyGuardrail, assignee: `key:${key.hash}` });
    if (key.creatorUserId !== null) {
      const byMember = this.#assigned.member.get(target(key.workspaceId, key.creatorUserId));
      const memberGuardrail = byMember === void 0 ? void 0 : this.#compiled.get(byMember);
      if (memberGuardrail) applicable.push({ guardrail: memberGuardrail, assignee: `member:${key.creatorUserId}` });
    }
    if (applicable.length === 0) return void 0;
    let constraints = {};
    const budgets = [];
    for (const { guardrail, assignee } of applicable) {
      constraints = mergeRoutingConstraints(constraints, guardrail.constraints);
      const budget = budgetFor(guardrail, assignee);
      if (budget) budgets.push(budget);
    }
    const content = combineFilters(applicable.map(({ guardrail }) => guardrail.filters));
    return {
      ids: applicable.map(({ guardrail }) => guardrail.record.id),
      constraints: stripUndefined(constraints),
      budgets,
      content: content.filters.length > 0 ? content : void 0
    };
  }
}
function stripUndefined(constraints) {
  const out = {};
  for (const [name, value] of Object.entries(constraints)) if (value !== void 0) out[name] = value;
  return out;
}
export {
  GuardrailRegistry
};
//# sourceMappingURL=guardrail-registry.js.map
