class MemoryKeyRateLimitStore {
  #rows = /* @__PURE__ */ new Map();
  async listAll() {
    return [...this.#rows].map(([keyHash, limits]) => ({ keyHash, limits: { ...limits } }));
  }
  async set(keyHash, limits) {
    this.#rows.set(keyHash, { ...limits });
  }
  async delete(keyHash) {
    this.#rows.delete(keyHash);
  }
}
export {
  MemoryKeyRateLimitStore
};
//# sourceMappingURL=memory-key-rate-limit-store.js.map
