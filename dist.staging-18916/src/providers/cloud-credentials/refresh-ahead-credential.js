const REFRESH_AHEAD_MS = 4 * 6e4;
const RETRY_AFTER_FAILURE_MS = 5e3;
class RefreshAheadCredential {
  source;
  #fetch;
  #describeError;
  #now;
  #current;
  #pending;
  #retryAt = 0;
  #lastError = null;
  #resolvedVia = null;
  constructor(options) {
    this.source = options.source;
    this.#fetch = options.fetch;
    this.#describeError = options.describeError;
    this.#now = options.now ?? Date.now;
  }
  get() {
    const now = this.#now();
    const current = this.#current;
    if (current && (current.expiresAt === void 0 || now < current.refreshAt)) return Promise.resolve(current.value);
    if (current && current.expiresAt !== void 0 && now < current.expiresAt) {
      if (!this.#pending && now >= this.#retryAt) this.#refresh(true).catch(() => void 0);
      return Promise.resolve(current.value);
    }
    return this.#pending ?? this.#refresh(current !== void 0);
  }
  invalidate() {
    this.#current = void 0;
  }
  status() {
    const current = this.#current;
    const valid = current !== void 0 && (current.expiresAt === void 0 || this.#now() < current.expiresAt);
    return {
      source: this.source,
      resolvedVia: this.#resolvedVia,
      state: valid ? "valid" : this.#lastError !== null ? "failed" : "unknown",
      expiresAt: valid && current.expiresAt !== void 0 ? new Date(current.expiresAt).toISOString() : null,
      lastError: this.#lastError
    };
  }
  #refresh(force) {
    const started = this.#now();
    const pending = this.#fetch(force).then(
      (fetched) => {
        const lifetime = fetched.expiresAt === void 0 ? 0 : Math.max(0, fetched.expiresAt - started);
        const refreshAt = fetched.expiresAt === void 0 ? Infinity : fetched.expiresAt - Math.min(REFRESH_AHEAD_MS, lifetime / 2);
        this.#current = { ...fetched, refreshAt };
        this.#lastError = null;
        this.#resolvedVia = fetched.resolvedVia ?? this.#resolvedVia;
        return fetched.value;
      },
      (error) => {
        this.#lastError = this.#describeError(error);
        this.#retryAt = this.#now() + RETRY_AFTER_FAILURE_MS;
        throw new CloudCredentialError(this.source, this.#lastError);
      }
    );
    const shared = pending.finally(() => {
      this.#pending = void 0;
    });
    this.#pending = shared;
    return shared;
  }
}
class CloudCredentialError extends Error {
  constructor(source, reason) {
    super(`${source}: ${reason}`);
    this.source = source;
    this.reason = reason;
    this.name = "CloudCredentialError";
  }
  source;
  reason;
}
export {
  CloudCredentialError,
  REFRESH_AHEAD_MS,
  RefreshAheadCredential
};
//# sourceMappingURL=refresh-ahead-credential.js.map
