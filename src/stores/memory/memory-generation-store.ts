/**
 * GenerationStore held in a Map: for tests and for running without a database.
 */
import type { GenerationQuery, GenerationRecord, GenerationStore, KeySpend } from '../generation-store.js';
import { utcSpendWindows } from '../utc-spend-windows.js';

/** In-process generations. Records are deep-copied in and out (attempts is an array). */
export class MemoryGenerationStore implements GenerationStore {
  private readonly byId = new Map<string, GenerationRecord>();

  async recordMany(records: GenerationRecord[]): Promise<void> {
    for (const record of records) {
      // First write wins, like INSERT … ON CONFLICT DO NOTHING: a retried batch never double-bills.
      if (!this.byId.has(record.id)) this.byId.set(record.id, copy(record));
    }
  }

  async list(query: GenerationQuery): Promise<GenerationRecord[]> {
    const matching = [...this.byId.values()].filter(
      (r) =>
        (query.workspaceId === undefined || r.workspaceId === query.workspaceId) &&
        (query.keyHash === undefined || r.keyHash === query.keyHash) &&
        (query.model === undefined || r.model === query.model) &&
        (query.providerName === undefined || r.providerName === query.providerName) &&
        (query.outcome === undefined || (query.outcome === 'ok') === (r.status === 200)) &&
        (query.since === undefined || r.createdAt >= query.since) &&
        (query.until === undefined || r.createdAt < query.until) &&
        (query.before === undefined || r.createdAt < query.before.createdAt || (r.createdAt === query.before.createdAt && r.id < query.before.id)),
    );
    matching.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    return matching.slice(0, query.limit).map(copy);
  }

  async findById(id: string, workspaceId: string): Promise<GenerationRecord | undefined> {
    const record = this.byId.get(id);
    return record && record.workspaceId === workspaceId ? copy(record) : undefined;
  }

  async spendByKey(keyHash: string, now: Date): Promise<KeySpend> {
    const { dayStart, weekStart, monthStart } = utcSpendWindows(now);
    const spend: KeySpend = { total: 0n, daily: 0n, weekly: 0n, monthly: 0n };
    for (const record of this.byId.values()) {
      if (record.keyHash !== keyHash) continue;
      spend.total += record.costPico;
      if (record.createdAt >= dayStart) spend.daily += record.costPico;
      if (record.createdAt >= weekStart) spend.weekly += record.costPico;
      if (record.createdAt >= monthStart) spend.monthly += record.costPico;
    }
    return spend;
  }
}

function copy(record: GenerationRecord): GenerationRecord {
  return { ...record, attempts: record.attempts.map((attempt) => ({ ...attempt })) };
}
