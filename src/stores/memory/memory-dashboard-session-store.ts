import type { DashboardSessionRecord, DashboardSessionStore } from '../dashboard-session-store.js';

/** Dashboard sessions in process memory (the `memory:` database: one process, lost on restart). */
export class MemoryDashboardSessionStore implements DashboardSessionStore {
  /** Insertion order is creation order: the first entry is the oldest. */
  readonly #byTokenHash = new Map<string, DashboardSessionRecord>();

  async open(record: DashboardSessionRecord, maxSessions: number): Promise<void> {
    for (const [tokenHash, session] of this.#byTokenHash) if (session.expiresAt <= record.createdAt) this.#byTokenHash.delete(tokenHash);
    while (this.#byTokenHash.size >= maxSessions) this.#byTokenHash.delete(this.#byTokenHash.keys().next().value as string);
    this.#byTokenHash.set(record.tokenHash, { ...record });
  }

  async find(tokenHash: string, now: number): Promise<DashboardSessionRecord | undefined> {
    const session = this.#byTokenHash.get(tokenHash);
    if (!session) return undefined;
    if (session.expiresAt <= now) {
      this.#byTokenHash.delete(tokenHash);
      return undefined;
    }
    return { ...session };
  }

  async close(tokenHash: string): Promise<void> {
    this.#byTokenHash.delete(tokenHash);
  }

  async closeAllFor(keyHash: string): Promise<void> {
    for (const [tokenHash, session] of this.#byTokenHash) if (session.keyHash === keyHash) this.#byTokenHash.delete(tokenHash);
  }
}
