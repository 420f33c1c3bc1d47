/**
 * GenerationStore held in a Map: for tests and for running without a database.
 */
import type { GenerationRecord, GenerationStore, KeySpend } from '../generation-store.js';
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
