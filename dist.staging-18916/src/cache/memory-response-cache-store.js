import { cachedResponseBytes } from "./response-cache-store.js";
class MemoryResponseCacheStore {
  #entries = /* @__PURE__ */ new Map();
  #maxBytes;
  #bytes = 0;
  constructor(options) {
    this.#maxBytes = options.maxBytes;
  }
  /** Bytes held now (for metrics and tests). */
  get bytes() {
    return this.#bytes;
  }
  get size() {
    return this.#entries.size;
  }
  async get(key, now) {
    const slot = this.#entries.get(key);
    if (!slot) return void 0;
    this.#entries.delete(key);
    if (slot.entry.storedAt + slot.entry.ttlMs <= now) {
      this.#bytes -= slot.bytes;
      return void 0;
    }
    this.#entries.set(key, slot);
    return slot.entry;
  }
  async set(key, entry) {
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
  async delete(key) {
    const slot = this.#entries.get(key);
    if (!slot) return;
    this.#entries.delete(key);
    this.#bytes -= slot.bytes;
  }
}
export {
  MemoryResponseCacheStore
};
//# sourceMappingURL=memory-response-cache-store.js.map
