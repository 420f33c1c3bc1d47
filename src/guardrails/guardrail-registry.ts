import type { BudgetLimit } from '../billing/budget-limit.js';
import { mergeRoutingConstraints, type RoutingConstraints } from '../routing/routing-constraints.js';
import type { ApiKeyRecord } from '../stores/key-store.js';
import { combineFilters, type ContentPolicy } from './compile-content-policy.js';
import { budgetFor, compileGuardrail, type CompiledGuardrail } from './compile-guardrail.js';
import type { AssignmentKind, GuardrailAssignment, GuardrailRecord, GuardrailStore } from '../stores/guardrail-store.js';

/** Everything the guardrails of one key impose on its requests, resolved once and cached. */
export interface RequestGuardrails {
  /** Ids of the applicable guardrails (key's, then member's), for records and metrics. */
  ids: string[];
  constraints: RoutingConstraints;
  budgets: BudgetLimit[];
  /** Undefined when no content filter applies. */
  content: ContentPolicy | undefined;
}

const target = (workspaceId: string, id: string) => `${workspaceId}|${id}`;

/**
 * Guardrails and assignments in memory, so no request reads the database. Writes go to the
 * store first, then here; any change drops the per-key resolution cache (changes are rare,
 * requests are many).
 */
export class GuardrailRegistry {
  readonly #store: GuardrailStore;
  readonly #compiled = new Map<string, CompiledGuardrail>();
  /** Guardrail id → its workspace, for the list's `total_count` without a database read. */
  readonly #workspaceOf = new Map<string, string>();
  readonly #assigned: Record<AssignmentKind, Map<string, string>> = { key: new Map(), member: new Map() };
  readonly #resolved = new Map<string, RequestGuardrails | null>();
  #version = 0;

  /** Bumped on every change to guardrails or assignments (the response cache keys on it). */
  get version(): number {
    return this.#version;
  }

  #changed(): void {
    this.#resolved.clear();
    this.#version += 1;
  }

  private constructor(store: GuardrailStore) {
    this.#store = store;
  }

  /** Loads and compiles every guardrail. A stored guardrail that fails to compile stops start-up. */
  static async load(store: GuardrailStore): Promise<GuardrailRegistry> {
    const registry = new GuardrailRegistry(store);
    await registry.reload();
    return registry;
  }

  /** Re-reads and compiles every guardrail and assignment (at start, and when another node changed one). */
  async reload(): Promise<void> {
    const all = await this.#store.loadAll();
    const compiled = new Map(all.guardrails.map((record) => [record.id, compileGuardrail(record)] as const));
    for (const map of [this.#compiled, this.#workspaceOf, this.#assigned.key, this.#assigned.member]) map.clear();
    for (const record of all.guardrails) {
      this.#compiled.set(record.id, compiled.get(record.id) as CompiledGuardrail);
      this.#workspaceOf.set(record.id, record.workspaceId);
    }
    for (const a of all.keys) this.#assigned.key.set(target(a.workspaceId, a.target), a.guardrailId);
    for (const a of all.members) this.#assigned.member.set(target(a.workspaceId, a.target), a.guardrailId);
    this.#changed();
  }

  get store(): GuardrailStore {
    return this.#store;
  }

  /** How many guardrails the workspace has (the list endpoint's `total_count`, whatever the page). */
  countFor(workspaceId: string): number {
    let count = 0;
    for (const owner of this.#workspaceOf.values()) if (owner === workspaceId) count += 1;
    return count;
  }

  /** Validates by compiling, then stores. */
  async create(record: GuardrailRecord): Promise<void> {
    const compiled = compileGuardrail(record);
    await this.#store.create(record);
    this.#compiled.set(record.id, compiled);
    this.#workspaceOf.set(record.id, record.workspaceId);
    this.#changed();
  }

  async update(record: GuardrailRecord): Promise<GuardrailRecord | undefined> {
    compileGuardrail(record);
    const stored = await this.#store.update(record);
    if (stored) {
      this.#compiled.set(stored.id, compileGuardrail(stored));
      this.#changed();
    }
    return stored;
  }

  async delete(id: string, workspaceId: string): Promise<boolean> {
    const deleted = await this.#store.delete(id, workspaceId);
    if (deleted) {
      this.#compiled.delete(id);
      this.#workspaceOf.delete(id);
      for (const map of Object.values(this.#assigned)) for (const [key, value] of map) if (value === id) map.delete(key);
      this.#changed();
    }
    return deleted;
  }

  async assign(kind: AssignmentKind, assignments: GuardrailAssignment[]): Promise<number> {
    const count = await this.#store.assign(kind, assignments);
    for (const a of assignments) this.#assigned[kind].set(target(a.workspaceId, a.target), a.guardrailId);
    this.#changed();
    return count;
  }

  async unassign(kind: AssignmentKind, options: { guardrailId: string; workspaceId: string; targets: string[] }): Promise<number> {
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
  forKey(key: ApiKeyRecord): RequestGuardrails | undefined {
    const cached = this.#resolved.get(key.hash);
    if (cached !== undefined) return cached ?? undefined;
    const resolved = this.#resolve(key);
    this.#resolved.set(key.hash, resolved ?? null);
    return resolved;
  }

  #resolve(key: ApiKeyRecord): RequestGuardrails | undefined {
    const applicable: Array<{ guardrail: CompiledGuardrail; assignee: string }> = [];
    const byKey = this.#assigned.key.get(target(key.workspaceId, key.hash));
    const keyGuardrail = byKey === undefined ? undefined : this.#compiled.get(byKey);
    if (keyGuardrail) applicable.push({ guardrail: keyGuardrail, assignee: `key:${key.hash}` });
    if (key.creatorUserId !== null) {
      const byMember = this.#assigned.member.get(target(key.workspaceId, key.creatorUserId));
      const memberGuardrail = byMember === undefined ? undefined : this.#compiled.get(byMember);
      if (memberGuardrail) applicable.push({ guardrail: memberGuardrail, assignee: `member:${key.creatorUserId}` });
    }
    if (applicable.length === 0) return undefined;
    let constraints: RoutingConstraints = {};
    const budgets: BudgetLimit[] = [];
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
      content: content.filters.length > 0 ? content : undefined,
    };
  }
}

/** mergeRoutingConstraints writes every field; unset ones are dropped so merging later stays cheap. */
function stripUndefined(constraints: RoutingConstraints): RoutingConstraints {
  const out: RoutingConstraints = {};
  for (const [name, value] of Object.entries(constraints)) if (value !== undefined) (out as Record<string, unknown>)[name] = value;
  return out;
}
