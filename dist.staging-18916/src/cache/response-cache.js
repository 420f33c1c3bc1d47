import { createHash } from "node:crypto";
import { readCacheDirectives } from "./read-cache-directives.js";
class ResponseCache {
  #store;
  #now;
  maxEntryBytes;
  #settingsEpoch;
  /**
   * `settingsEpoch`, when the store is shared by several nodes: a token that is the same on every
   * node and changes on every guardrail or privacy change anywhere; it replaces the node's own
   * policy version in the key (those counters differ between nodes and restart at zero).
   */
  constructor(options) {
    this.#store = options.store;
    this.#settingsEpoch = options.settingsEpoch;
    this.#now = options.now ?? Date.now;
    this.maxEntryBytes = options.maxEntryBytes;
  }
  /** A ticket for this request when it asked for caching, else undefined. */
  /**
   * `policyVersion` changes whenever a guardrail or privacy setting changes, so an entry made
   * under the old policy (unredacted output, a provider now disallowed) is never replayed.
   */
  open(options) {
    const directives = readCacheDirectives(options.headers);
    if (!directives) return void 0;
    const body = options.body;
    const model = typeof body?.model === "string" ? body.model : "";
    const digest = createHash("sha256").update(JSON.stringify(options.body)).digest("hex");
    const key = `${options.keyHash}\0${model}\0${options.apiType}\0${options.stream ? 1 : 0}\0${this.#settingsEpoch?.() ?? options.policyVersion()}\0${digest}`;
    return new CacheTicket({ key, directives, store: this.#store, now: this.#now });
  }
}
class CacheTicket {
  #key;
  #store;
  #now;
  directives;
  constructor(options) {
    this.#key = options.key;
    this.#store = options.store;
    this.#now = options.now;
    this.directives = options.directives;
  }
  /** The live entry, or undefined (always undefined when the request asked to clear it). */
  async lookup() {
    if (this.directives.clear) {
      await this.#store.delete(this.#key);
      return void 0;
    }
    return this.#store.get(this.#key, this.#now());
  }
  missHeaders() {
    return { "x-openrouter-cache-status": "MISS", "x-openrouter-cache-ttl": String(this.directives.ttlSeconds) };
  }
  hitHeaders(entry) {
    const ageMs = Math.max(0, this.#now() - entry.storedAt);
    return {
      "x-openrouter-cache-status": "HIT",
      "x-openrouter-cache-age": String(Math.floor(ageMs / 1e3)),
      "x-openrouter-cache-ttl": String(Math.max(0, Math.ceil((entry.ttlMs - ageMs) / 1e3))),
      "x-openrouter-cache-source-id": entry.sourceId
    };
  }
  /** Stores a successful response under this request's key for the requested TTL. */
  async save(entry) {
    await this.#store.set(this.#key, { ...entry, storedAt: this.#now(), ttlMs: this.directives.ttlSeconds * 1e3 });
  }
}
export {
  CacheTicket,
  ResponseCache
};
//# sourceMappingURL=response-cache.js.map
