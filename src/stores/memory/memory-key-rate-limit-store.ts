import type { KeyRateLimits, KeyRateLimitStore } from '../key-rate-limit-store.js';

/** KeyRateLimitStore in process memory. */
export class MemoryKeyRateLimitStore implements KeyRateLimitStore {
  readonly #rows = new Map<string, KeyRateLimits>();

  async listAll(): Promise<Array<{ keyHash: string; limits: KeyRateLimits }>> {
    return [...this.#rows].map(([keyHash, limits]) => ({ keyHash, limits: { ...limits } }));
  }

  async set(keyHash: string, limits: KeyRateLimits): Promise<void> {
    this.#rows.set(keyHash, { ...limits });
  }

  async delete(keyHash: string): Promise<void> {
    this.#rows.delete(keyHash);
  }
}
