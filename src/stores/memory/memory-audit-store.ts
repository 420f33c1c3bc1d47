import type { AuditEntry, AuditQuery, AuditStore, NewAuditEntry } from '../audit-store.js';

/** AuditStore in process memory (tests, `memory:` databases). */
export class MemoryAuditStore implements AuditStore {
  readonly #entries: AuditEntry[] = [];

  async append(entry: NewAuditEntry): Promise<AuditEntry> {
    const stored: AuditEntry = { ...structuredClone(entry), id: this.#entries.length + 1 };
    this.#entries.push(stored);
    return structuredClone(stored);
  }

  async list(query: AuditQuery): Promise<AuditEntry[]> {
    const found: AuditEntry[] = [];
    // Ids are 1..n at indexes 0..n-1: start right below the cursor and walk down.
    const start = Math.min(this.#entries.length, (query.beforeId ?? Number.MAX_SAFE_INTEGER) - 1);
    for (let index = start - 1; index >= 0 && found.length < query.limit; index--) {
      const entry = this.#entries[index]!;
      if (matches(entry, query)) found.push(structuredClone(entry));
    }
    return found;
  }
}

function matches(entry: AuditEntry, query: AuditQuery): boolean {
  return (
    (query.workspaceId === undefined || entry.workspaceId === query.workspaceId) &&
    (query.action === undefined || entry.action === query.action) &&
    (query.actorKeyHash === undefined || entry.actorKeyHash === query.actorKeyHash) &&
    (query.targetId === undefined || entry.targetId === query.targetId) &&
    (query.since === undefined || entry.createdAt >= query.since) &&
    (query.until === undefined || entry.createdAt < query.until)
  );
}
