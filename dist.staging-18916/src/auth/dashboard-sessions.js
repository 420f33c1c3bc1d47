import { randomBytes } from "node:crypto";
import { hashApiKey } from "./mint-api-key.js";
const SESSION_TOKEN_PREFIX = "sy-session-";
class DashboardSessions {
  #byTokenHash = /* @__PURE__ */ new Map();
  #ttlMs;
  #maxSessions;
  constructor(options = {}) {
    this.#ttlMs = options.ttlMs ?? 12 * 36e5;
    this.#maxSessions = options.maxSessions ?? 1e4;
  }
  get ttlMs() {
    return this.#ttlMs;
  }
  /** Opens a session for the key; returns the token (to set as a cookie) and its expiry. */
  open(keyHash, now = Date.now()) {
    this.#prune(now);
    while (this.#byTokenHash.size >= this.#maxSessions) {
      const oldest = this.#byTokenHash.keys().next().value;
      this.#byTokenHash.delete(oldest);
    }
    const token = `${SESSION_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
    const expiresAt = now + this.#ttlMs;
    this.#byTokenHash.set(hashApiKey(token), { keyHash, expiresAt });
    return { token, expiresAt };
  }
  /** The key hash a live session token (given by its SHA-256) stands for. */
  resolve(tokenHash, now = Date.now()) {
    const session = this.#byTokenHash.get(tokenHash);
    if (!session) return void 0;
    if (session.expiresAt <= now) {
      this.#byTokenHash.delete(tokenHash);
      return void 0;
    }
    return { ...session };
  }
  close(token) {
    this.#byTokenHash.delete(hashApiKey(token));
  }
  /** Ends every session of a key (it was deleted or disabled). */
  closeAllFor(keyHash) {
    for (const [tokenHash, session] of this.#byTokenHash) if (session.keyHash === keyHash) this.#byTokenHash.delete(tokenHash);
  }
  #prune(now) {
    for (const [tokenHash, session] of this.#byTokenHash) if (session.expiresAt <= now) this.#byTokenHash.delete(tokenHash);
  }
}
export {
  DashboardSessions,
  SESSION_TOKEN_PREFIX
};
//# sourceMappingURL=dashboard-sessions.js.map
