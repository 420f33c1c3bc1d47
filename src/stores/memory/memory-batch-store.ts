import type { BatchLineResult, BatchPatch, BatchRecord, BatchStatus, BatchStatusSummary, BatchStore } from '../batch-store.js';
import { pageNewestFirst } from './memory-file-store.js';

const ENDED: readonly BatchStatus[] = ['completed', 'failed', 'expired', 'cancelled'];

/** BatchStore in process memory (tests, a gateway without persistence). */
export class MemoryBatchStore implements BatchStore {
  readonly #batches = new Map<string, BatchRecord>();
  readonly #leases = new Map<string, { owner: string; expiresAt: number }>();
  readonly #lines = new Map<string, Map<number, BatchLineResult>>();

  async create(record: BatchRecord): Promise<void> {
    if (this.#batches.has(record.id)) throw new Error(`batch ${record.id} exists`);
    this.#batches.set(record.id, structuredClone(record));
  }

  async find(id: string, keyHash?: string): Promise<BatchRecord | undefined> {
    const batch = this.#batches.get(id);
    return batch && (keyHash === undefined || batch.keyHash === keyHash) ? structuredClone(batch) : undefined;
  }

  async list(query: { keyHash: string; after?: string; limit: number }): Promise<BatchRecord[]> {
    const mine = [...this.#batches.values()].filter((batch) => batch.keyHash === query.keyHash);
    return pageNewestFirst(mine, query.after, query.limit).map((batch) => structuredClone(batch));
  }

  async listByStatus(statuses: readonly BatchStatus[]): Promise<BatchRecord[]> {
    return [...this.#batches.values()].filter((batch) => statuses.includes(batch.status)).map((batch) => structuredClone(batch));
  }

  async update(id: string, patch: BatchPatch): Promise<void> {
    const batch = this.#batches.get(id);
    if (batch) Object.assign(batch, structuredClone(patch));
  }

  async transition(id: string, from: readonly BatchStatus[], to: BatchStatus, patch: BatchPatch = {}): Promise<boolean> {
    const batch = this.#batches.get(id);
    if (!batch || !from.includes(batch.status)) return false;
    Object.assign(batch, structuredClone(patch), { status: to });
    return true;
  }

  async claim(id: string, owner: string, now: number, leaseMs: number): Promise<boolean> {
    if (!this.#batches.has(id)) return false;
    const lease = this.#leases.get(id);
    if (lease && lease.owner !== owner && lease.expiresAt >= now) return false;
    this.#leases.set(id, { owner, expiresAt: now + leaseMs });
    return true;
  }

  async release(id: string, owner: string): Promise<void> {
    if (this.#leases.get(id)?.owner === owner) this.#leases.delete(id);
  }

  async recordLine(result: BatchLineResult): Promise<boolean> {
    let lines = this.#lines.get(result.batchId);
    if (!lines) this.#lines.set(result.batchId, (lines = new Map()));
    if (lines.has(result.index)) return false;
    lines.set(result.index, { ...result });
    return true;
  }

  async lines(batchId: string): Promise<BatchLineResult[]> {
    return [...(this.#lines.get(batchId)?.values() ?? [])].sort((a, b) => a.index - b.index).map((line) => ({ ...line }));
  }

  async listEndedBefore(cutoff: number): Promise<BatchRecord[]> {
    return [...this.#batches.values()].filter((batch) => ENDED.includes(batch.status) && endedAt(batch) < cutoff).map((batch) => structuredClone(batch));
  }

  async summarize(filter: { since: number; until?: number; workspaceId?: string; keyHash?: string }): Promise<BatchStatusSummary[]> {
    const byStatus = new Map<BatchStatus, BatchStatusSummary>();
    for (const batch of this.#batches.values()) {
      if (batch.createdAt < filter.since || (filter.until !== undefined && batch.createdAt >= filter.until) || (filter.workspaceId !== undefined && batch.workspaceId !== filter.workspaceId)) continue;
      if (filter.keyHash !== undefined && batch.keyHash !== filter.keyHash) continue;
      let row = byStatus.get(batch.status);
      if (!row) byStatus.set(batch.status, (row = { status: batch.status, batches: 0, counts: { total: 0, completed: 0, failed: 0 } }));
      row.batches += 1;
      row.counts.total += batch.counts.total;
      row.counts.completed += batch.counts.completed;
      row.counts.failed += batch.counts.failed;
    }
    return [...byStatus.values()].sort((a, b) => (a.status < b.status ? -1 : 1));
  }

  async delete(id: string): Promise<void> {
    this.#batches.delete(id);
    this.#leases.delete(id);
    this.#lines.delete(id);
  }

  /** True while a batch that is not deleted reads the file (the memory file store's retention). */
  readsFile(fileId: string): boolean {
    return [...this.#batches.values()].some((batch) => batch.spec.inputFileId === fileId);
  }
}

/** When an ended batch ended. */
export function endedAt(batch: BatchRecord): number {
  return batch.completedAt ?? batch.failedAt ?? batch.expiredAt ?? batch.cancelledAt ?? batch.createdAt;
}
