import { createHash } from 'node:crypto';
import { readCacheDirectives, type CacheDirectives } from './read-cache-directives.js';
import type { CachedResponse, ResponseCacheStore } from './response-cache-store.js';

type Headers = Record<string, string | string[] | undefined>;

/**
 * OpenRouter's whole-response cache: opt-in per request, scoped to one API key, keyed by
 * key + model + endpoint type + stream flag + SHA-256 of the whitespace-normalised body.
 * Only successful responses are stored; there is no request coalescing.
 */
export class ResponseCache {
  readonly #store: ResponseCacheStore;
  readonly #now: () => number;
  readonly maxEntryBytes: number;
  readonly #settingsEpoch: (() => string) | undefined;

  /**
   * `settingsEpoch`, when the store is shared by several nodes: a token that is the same on every
   * node and changes on every guardrail or privacy change anywhere; it replaces the node's own
   * policy version in the key (those counters differ between nodes and restart at zero).
   */
  constructor(options: { store: ResponseCacheStore; maxEntryBytes: number; now?: () => number; settingsEpoch?: () => string }) {
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
  open(options: { headers: Headers; keyHash: string; apiType: string; stream: boolean; body: unknown; policyVersion: () => string }): CacheTicket | undefined {
    const directives = readCacheDirectives(options.headers);
    if (!directives) return undefined;
    const body = options.body as { model?: unknown } | null;
    const model = typeof body?.model === 'string' ? body.model : '';
    // Re-serialising the parsed body drops insignificant whitespace and keeps property order.
    const digest = createHash('sha256').update(JSON.stringify(options.body)).digest('hex');
    const key = `${options.keyHash}\u0000${model}\u0000${options.apiType}\u0000${options.stream ? 1 : 0}\u0000${this.#settingsEpoch?.() ?? options.policyVersion()}\u0000${digest}`;
    return new CacheTicket({ key, directives, store: this.#store, now: this.#now });
  }
}

/** One request's view of the cache: look up, then store the response if it succeeded. */
export class CacheTicket {
  readonly #key: string;
  readonly #store: ResponseCacheStore;
  readonly #now: () => number;
  readonly directives: CacheDirectives;

  constructor(options: { key: string; directives: CacheDirectives; store: ResponseCacheStore; now: () => number }) {
    this.#key = options.key;
    this.#store = options.store;
    this.#now = options.now;
    this.directives = options.directives;
  }

  /** The live entry, or undefined (always undefined when the request asked to clear it). */
  async lookup(): Promise<CachedResponse | undefined> {
    if (this.directives.clear) {
      await this.#store.delete(this.#key);
      return undefined;
    }
    return this.#store.get(this.#key, this.#now());
  }

  missHeaders(): Record<string, string> {
    return { 'x-openrouter-cache-status': 'MISS', 'x-openrouter-cache-ttl': String(this.directives.ttlSeconds) };
  }

  hitHeaders(entry: CachedResponse): Record<string, string> {
    const ageMs = Math.max(0, this.#now() - entry.storedAt);
    return {
      'x-openrouter-cache-status': 'HIT',
      'x-openrouter-cache-age': String(Math.floor(ageMs / 1000)),
      'x-openrouter-cache-ttl': String(Math.max(0, Math.ceil((entry.ttlMs - ageMs) / 1000))),
      'x-openrouter-cache-source-id': entry.sourceId,
    };
  }

  /** Stores a successful response under this request's key for the requested TTL. */
  async save(entry: Omit<CachedResponse, 'storedAt' | 'ttlMs'>): Promise<void> {
    await this.#store.set(this.#key, { ...entry, storedAt: this.#now(), ttlMs: this.directives.ttlSeconds * 1000 });
  }
}
