import { cachedResponseBytes, type CachedResponse, type ResponseCacheStore } from './response-cache-store.js';

/**
 * In-process response cache bounded by bytes with least-recently-used eviction. A Map keeps
 * insertion order, so re-inserting on every hit makes its first key the least recently used.
 * Expired entries are dropped when touched and evicted first by age order otherwise.
 */
export class MemoryResponseCacheStore implements ResponseCacheStore {
  readonly #entries = new Map<string, { entry: CachedResponse; bytes: number }>();
  readonly #maxBytes: number;
  #bytes = 0;

  constructor(options: { maxBytes: number }) {
    this.#maxBytes = options.maxBytes;
  }

  /** Bytes held now (for metrics and tests). */
  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#entries.size;
  }

  async get(key: string, now: number): Promise<CachedResponse | undefined> {
    const slot = this.#entries.get(key);
    if (!slot) return undefined;
    this.#entries.delete(key);
    if (slot.entry.storedAt + slot.entry.ttlMs <= now) {
      this.#bytes -= slot.bytes;
      return undefined;
    }
    this.#entries.set(key, slot);
    return slot.entry;
  }

  async set(key: string, entry: CachedResponse): Promise<void> {
    const bytes = cachedResponseBytes(entry);
    await this.delete(key);
    if (bytes > this.#maxBytes) return;
    this.#entries.set(key, { entry, bytes });
    this.#bytes += bytes;
    for (const [oldest, slot] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= slot.bytes;
    }
  }

  async delete(key: string): Promise<void> {
    const slot = this.#entries.get(key);
    if (!slot) return;
    this.#entries.delete(key);
    this.#bytes -= slot.bytes;
  }
}
