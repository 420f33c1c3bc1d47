class KeyRateLimitRegistry {
  #byHash = /* @__PURE__ */ new Map();
  #store;
  constructor(store) {
    this.#store = store;
  }
  static async load(store) {
    const registry = new KeyRateLimitRegistry(store);
    for (const { keyHash, limits } of await store.listAll()) registry.#byHash.set(keyHash, limits);
    return registry;
  }
  /** Re-reads every override (another node changed one). */
  async reload() {
    const fresh = await this.#store.listAll();
    const seen = /* @__PURE__ */ new Set();
    for (const { keyHash, limits } of fresh) {
      this.#byHash.set(keyHash, limits);
      seen.add(keyHash);
    }
    for (const keyHash of this.#byHash.keys()) if (!seen.has(keyHash)) this.#byHash.delete(keyHash);
  }
  /** The key's overrides, or undefined when it has none (the config defaults apply). */
  get(keyHash) {
    return this.#byHash.get(keyHash);
  }
  /** Merges the given fields (undefined = unchanged) into the key's overrides and stores them. */
  async update(keyHash, patch) {
    const current = this.#byHash.get(keyHash) ?? { requestsPerMinute: null, tokensPerMinute: null, concurrentRequests: null };
    const next = {
      requestsPerMinute: patch.requestsPerMinute === void 0 ? current.requestsPerMinute : patch.requestsPerMinute,
      tokensPerMinute: patch.tokensPerMinute === void 0 ? current.tokensPerMinute : patch.tokensPerMinute,
      concurrentRequests: patch.concurrentRequests === void 0 ? current.concurrentRequests : patch.concurrentRequests
    };
    if (next.requestsPerMinute === null && next.tokensPerMinute === null && next.concurrentRequests === null) {
      await this.#store.delete(keyHash);
      this.#byHash.delete(keyHash);
    } else {
      await this.#store.set(keyHash, next, (/* @__PURE__ */ new Date()).toISOString());
      this.#byHash.set(keyHash, next);
    }
    return next;
  }
  async delete(keyHash) {
    await this.#store.delete(keyHash);
    this.#byHash.delete(keyHash);
  }
}
export {
  KeyRateLimitRegistry
};
//# sourceMappingURL=key-rate-limit-registry.js.map
