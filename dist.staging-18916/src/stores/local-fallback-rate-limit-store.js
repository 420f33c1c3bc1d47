class LocalFallbackRateLimitStore {
  #shared;
  #local;
  #onDegraded;
  #onRestored;
  #localCharges = /* @__PURE__ */ new WeakSet();
  #localLeases = /* @__PURE__ */ new Set();
  /** Shared leases whose release failed: released once the shared store answers again. */
  #unreleased = [];
  #degraded = false;
  constructor(options) {
    this.#shared = options.shared;
    this.#local = options.local;
    this.#onDegraded = options.onDegraded;
    this.#onRestored = options.onRestored;
  }
  /** True while the last admission had to use the local store. */
  get degraded() {
    return this.#degraded;
  }
  async admit(request) {
    try {
      const result = await this.#shared.admit(request);
      if (this.#degraded) {
        this.#degraded = false;
        this.#onRestored();
      }
      if (this.#unreleased.length > 0) void this.#retryReleases();
      return result;
    } catch (error) {
      if (!this.#degraded) {
        this.#degraded = true;
        this.#onDegraded(error);
      }
      const result = await this.#local.admit(request);
      if (result.admitted) {
        for (const charged of result.charged) this.#localCharges.add(charged);
        for (const slot of request.slots) this.#localLeases.add(leaseKey(slot));
      }
      return result;
    }
  }
  async adjust(window, delta) {
    if (this.#localCharges.has(window)) return this.#local.adjust(window, delta);
    await this.#shared.adjust(window, delta).catch(() => {
    });
  }
  async release(slots) {
    const local = slots.filter((slot) => this.#localLeases.delete(leaseKey(slot)));
    const shared = slots.filter((slot) => !local.includes(slot));
    if (local.length > 0) await this.#local.release(local);
    if (shared.length > 0) {
      await this.#shared.release(shared).catch(() => {
        this.#unreleased.push(...shared.slice(0, MAX_UNRELEASED - this.#unreleased.length));
      });
    }
  }
  async #retryReleases() {
    const batch = this.#unreleased;
    this.#unreleased = [];
    await this.#shared.release(batch).catch(() => {
      this.#unreleased.push(...batch.slice(0, MAX_UNRELEASED - this.#unreleased.length));
    });
  }
}
const MAX_UNRELEASED = 1e4;
function leaseKey(slot) {
  return `${slot.id}\0${slot.leaseId}`;
}
export {
  LocalFallbackRateLimitStore
};
//# sourceMappingURL=local-fallback-rate-limit-store.js.map
