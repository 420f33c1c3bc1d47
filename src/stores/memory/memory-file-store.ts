import type { FilePurpose, FileRecord, FileStore } from '../file-store.js';

/** FileStore in process memory (tests, a gateway without persistence). */
export class MemoryFileStore implements FileStore {
  readonly #files = new Map<string, FileRecord>();
  /** Input files still read by a batch: set by the memory batch store it is paired with. */
  inUse: (fileId: string) => boolean = () => false;

  async create(record: FileRecord): Promise<void> {
    if (this.#files.has(record.id)) throw new Error(`file ${record.id} exists`);
    this.#files.set(record.id, { ...record });
  }

  async find(id: string, keyHash: string): Promise<FileRecord | undefined> {
    const file = this.#files.get(id);
    return file && file.keyHash === keyHash ? { ...file } : undefined;
  }

  async list(query: { keyHash: string; purpose?: FilePurpose; after?: string; limit: number }): Promise<FileRecord[]> {
    const mine = [...this.#files.values()].filter((file) => file.keyHash === query.keyHash && (query.purpose === undefined || file.purpose === query.purpose));
    return pageNewestFirst(mine, query.after, query.limit).map((file) => ({ ...file }));
  }

  async delete(id: string): Promise<boolean> {
    return this.#files.delete(id);
  }

  async listForBatch(batchId: string): Promise<FileRecord[]> {
    return [...this.#files.values()].filter((file) => file.batchId === batchId).map((file) => ({ ...file }));
  }

  async listUnusedBefore(cutoff: number): Promise<FileRecord[]> {
    return [...this.#files.values()].filter((file) => file.purpose === 'batch' && file.createdAt < cutoff && !this.inUse(file.id)).map((file) => ({ ...file }));
  }
}

/** Newest (createdAt, then id) first, starting after the item whose id is `after`. */
export function pageNewestFirst<T extends { id: string; createdAt: number }>(items: T[], after: string | undefined, limit: number): T[] {
  const sorted = items.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const start = after === undefined ? 0 : sorted.findIndex((item) => item.id === after) + 1;
  // An unknown cursor gives an empty page rather than the first one again.
  if (after !== undefined && start === 0) return [];
  return sorted.slice(start, start + limit);
}
