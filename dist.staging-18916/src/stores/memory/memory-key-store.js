class MemoryKeyStore {
  keys = /* @__PURE__ */ new Map();
  async create(record) {
    if (this.keys.has(record.hash)) throw new Error(`Key ${record.hash} already exists`);
    this.keys.set(record.hash, { ...record });
  }
  async findByHash(hash) {
    const record = this.keys.get(hash);
    return record && { ...record };
  }
  async listAll() {
    return this.sorted([...this.keys.values()]);
  }
  async list(options) {
    const matching = [...this.keys.values()].filter(
      (record) => record.kind === options.kind && (options.includeDisabled || !record.disabled)
    );
    return this.sorted(matching).slice(options.offset, options.offset + options.limit);
  }
  async update(hash, patch, updatedAt) {
    const current = this.keys.get(hash);
    if (!current) return void 0;
    const next = { ...current, updatedAt };
    if (patch.name !== void 0) next.name = patch.name;
    if (patch.disabled !== void 0) next.disabled = patch.disabled;
    if (patch.limit !== void 0) next.limit = patch.limit;
    if (patch.limitReset !== void 0) next.limitReset = patch.limitReset;
    if (patch.includeByokInLimit !== void 0) next.includeByokInLimit = patch.includeByokInLimit;
    if (patch.expiresAt !== void 0) next.expiresAt = patch.expiresAt;
    this.keys.set(hash, next);
    return { ...next };
  }
  async delete(hash) {
    return this.keys.delete(hash);
  }
  /** Copies ordered by createdAt then hash, comparing code units exactly as SQLite's BINARY collation. */
  sorted(records) {
    return records.sort((a, b) => compareText(a.createdAt, b.createdAt) || compareText(a.hash, b.hash)).map((record) => ({ ...record }));
  }
}
function compareText(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
export {
  MemoryKeyStore
};
//# sourceMappingURL=memory-key-store.js.map
