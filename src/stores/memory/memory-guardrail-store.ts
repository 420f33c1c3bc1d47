/**
 * GuardrailStore held in Maps: for tests and for running without a database.
 */
import type { AssignmentKind, GuardrailAssignment, GuardrailRecord, GuardrailStore } from '../guardrail-store.js';

const copy = (record: GuardrailRecord): GuardrailRecord => structuredClone(record);

/** In-process guardrails; records are copied in and out so callers never share state with it. */
export class MemoryGuardrailStore implements GuardrailStore {
  readonly #guardrails = new Map<string, GuardrailRecord>();
  readonly #assignments: Record<AssignmentKind, Map<string, GuardrailAssignment>> = { key: new Map(), member: new Map() };

  async create(record: GuardrailRecord): Promise<void> {
    if (this.#guardrails.has(record.id)) throw new Error(`Guardrail ${record.id} already exists`);
    this.#guardrails.set(record.id, copy(record));
  }

  async get(id: string, workspaceId: string): Promise<GuardrailRecord | undefined> {
    const record = this.#guardrails.get(id);
    return record && record.workspaceId === workspaceId ? copy(record) : undefined;
  }

  async list(workspaceId: string, options: { offset: number; limit: number }): Promise<GuardrailRecord[]> {
    return [...this.#guardrails.values()]
      .filter((record) => record.workspaceId === workspaceId)
      .sort((a, b) => compare(a.createdAt, b.createdAt) || compare(a.id, b.id))
      .slice(options.offset, options.offset + options.limit)
      .map(copy);
  }

  async update(record: GuardrailRecord): Promise<GuardrailRecord | undefined> {
    const current = this.#guardrails.get(record.id);
    if (!current || current.workspaceId !== record.workspaceId) return undefined;
    const next = { ...copy(record), createdAt: current.createdAt };
    this.#guardrails.set(record.id, next);
    return copy(next);
  }

  async delete(id: string, workspaceId: string): Promise<boolean> {
    const current = this.#guardrails.get(id);
    if (!current || current.workspaceId !== workspaceId) return false;
    this.#guardrails.delete(id);
    for (const map of Object.values(this.#assignments)) {
      for (const [target, assignment] of map) if (assignment.guardrailId === id) map.delete(target);
    }
    return true;
  }

  async assign(kind: AssignmentKind, assignments: GuardrailAssignment[]): Promise<number> {
    for (const assignment of assignments) {
      if (!this.#guardrails.has(assignment.guardrailId)) throw new Error(`Guardrail ${assignment.guardrailId} does not exist`);
    }
    for (const assignment of assignments) this.#assignments[kind].set(`${assignment.workspaceId}|${assignment.target}`, { ...assignment });
    return assignments.length;
  }

  async unassign(kind: AssignmentKind, options: { guardrailId: string; workspaceId: string; targets: string[] }): Promise<number> {
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

  async listAssignments(kind: AssignmentKind, options: { workspaceId: string; guardrailId?: string }): Promise<GuardrailAssignment[]> {
    return [...this.#assignments[kind].values()]
      .filter((a) => a.workspaceId === options.workspaceId && (options.guardrailId === undefined || a.guardrailId === options.guardrailId))
      .sort((a, b) => compare(a.createdAt, b.createdAt) || compare(a.target, b.target))
      .map((a) => ({ ...a }));
  }

  async loadAll() {
    return {
      guardrails: [...this.#guardrails.values()].map(copy),
      keys: [...this.#assignments.key.values()].map((a) => ({ ...a })),
      members: [...this.#assignments.member.values()].map((a) => ({ ...a })),
    };
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
