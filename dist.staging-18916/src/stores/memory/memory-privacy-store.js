class MemoryPrivacyStore {
  #settings = /* @__PURE__ */ new Map();
  #content = /* @__PURE__ */ new Map();
  async listSettings() {
    return [...this.#settings].map(([workspaceId, settings]) => ({ workspaceId, settings: structuredClone(settings) }));
  }
  async putSettings(workspaceId, settings) {
    this.#settings.set(workspaceId, structuredClone(settings));
  }
  async saveContent(record) {
    if (!this.#content.has(record.generationId)) this.#content.set(record.generationId, { ...record });
  }
  async findContent(id, workspaceId, now) {
    const record = this.#content.get(id);
    return record && record.workspaceId === workspaceId && record.expiresAt > now ? { ...record } : void 0;
  }
  async purgeExpiredContent(now) {
    let purged = 0;
    for (const [id, record] of this.#content) {
      if (record.expiresAt <= now) {
        this.#content.delete(id);
        purged += 1;
      }
    }
    return purged;
  }
}
export {
  MemoryPrivacyStore
};
//# sourceMappingURL=memory-privacy-store.js.map
