class MemoryAuditStore {
  #entries = [];
  async append(entry) {
    const stored = { ...structuredClone(entry), id: this.#entries.length + 1 };
    this.#entries.push(stored);
    return structuredClone(stored);
  }
  async list(query) {
    const found = [];
    const start = Math.min(this.#entries.length, (query.beforeId ?? Number.MAX_SAFE_INTEGER) - 1);
    for (let index = start - 1; index >= 0 && found.length < query.limit; index--) {
      const entry = this.#entries[index];
      if (matches(entry, query)) found.push(structuredClone(entry));
    }
    return found;
  }
}
function matches(entry, query) {
  return (query.workspaceId === void 0 || entry.workspaceId === query.workspaceId) && (query.action === void 0 || entry.action === query.action) && (query.actorKeyHash === void 0 || entry.actorKeyHash === query.actorKeyHash) && (query.targetId === void 0 || entry.targetId === query.targetId) && (query.since === void 0 || entry.createdAt >= query.since) && (query.until === void 0 || entry.createdAt < query.until);
}
export {
  MemoryAuditStore
};
//# sourceMappingURL=memory-audit-store.js.map
