import type { KeyRateLimits, KeyRateLimitStore } from '../stores/key-rate-limit-store.js';

/**
 * Per-key rate-limit overrides held in memory (loaded once at start, updated through here on
 * every change), so the limiter never reads the database on the request path.
 */
export class KeyRateLimitRegistry {
  readonly #byHash = new Map<string, KeyRateLimits>();
  readonly #store: KeyRateLimitStore;

  private constructor(store: KeyRateLimitStore) {
    this.#store = store;
  }

  static async load(store: KeyRateLimitStore): Promise<KeyRateLimitRegistry> {
    const registry = new KeyRateLimitRegistry(store);
    for (const { keyHash, limits } of await store.listAll()) registry.#byHash.set(keyHash, limits);
    return registry;
  }

  /** Re-reads every override (another node changed one). */
  async reload(): Promise<void> {
    const fresh = await this.#store.listAll();
    const seen = new Set<string>();
    for (const { keyHash, limits } of fresh) {
      this.#byHash.set(keyHash, limits);
      seen.add(keyHash);
    }
    for (const keyHash of this.#byHash.keys()) if (!seen.has(keyHash)) this.#byHash.delete(keyHash);
  }

  /** The key's overrides, or undefined when it has none (the config defaults apply). */
  get(keyHash: string): KeyRateLimits | undefined {
    return this.#byHash.get(keyHash);
  }

  /** Merges the given fields (undefined = unchanged) into the key's overrides and stores them. */
  async update(keyHash: string, patch: Partial<KeyRateLimits>): Promise<KeyRateLimits> {
    const current = this.#byHash.get(keyHash) ?? { requestsPerMinute: null, tokensPerMinute: null, concurrentRequests: null };
    const next: KeyRateLimits = {
      requestsPerMinute: patch.requestsPerMinute === undefined ? current.requestsPerMinute : patch.requestsPerMinute,
      tokensPerMinute: patch.tokensPerMinute === undefined ? current.tokensPerMinute : patch.tokensPerMinute,
      concurrentRequests: patch.concurrentRequests === undefined ? current.concurrentRequests : patch.concurrentRequests,
    };
    if (next.requestsPerMinute === null && next.tokensPerMinute === null && next.concurrentRequests === null) {
      await this.#store.delete(keyHash);
      this.#byHash.delete(keyHash);
    } else {
      await this.#store.set(keyHash, next, new Date().toISOString());
      this.#byHash.set(keyHash, next);
    }
    return next;
  }

  async delete(keyHash: string): Promise<void> {
    await this.#store.delete(keyHash);
    this.#byHash.delete(keyHash);
  }
}
