import { randomBytes } from 'node:crypto';
import type { DashboardSessionStore } from '../stores/dashboard-session-store.js';
import { MemoryDashboardSessionStore } from '../stores/memory/memory-dashboard-session-store.js';
import { hashApiKey } from './mint-api-key.js';

/** Every session token starts with this, so logs and scanners can tell it from an API key. */
export const SESSION_TOKEN_PREFIX = 'sy-session-';

interface Session {
  keyHash: string;
  expiresAt: number;
}

/**
 * Dashboard sign-in sessions: a random token stands for a management key for a while, so the
 * browser holds only an HttpOnly cookie with the token, never the key. Only the token's SHA-256
 * is kept, in the database (`store`), so every gateway node sharing it knows every session and a
 * sign-out anywhere ends it everywhere; bounded: past `maxSessions` the oldest go first.
 *
 * Authentication is synchronous, so a request carrying a session token first awaits `check()`
 * (the HTTP layer does it for every such request): it reads the store and leaves the answer in
 * a small per-node table that `resolve()` reads. A session closed on another node is therefore
 * refused at this node's next request, never served from a stale copy.
 */
export class DashboardSessions {
  readonly #store: DashboardSessionStore;
  readonly #ttlMs: number;
  readonly #maxSessions: number;
  /** What the last check() of each token hash found (at most maxChecked entries, oldest out). */
  readonly #checked = new Map<string, Session>();
  readonly #maxChecked: number;

  constructor(options: { store?: DashboardSessionStore; ttlMs?: number; maxSessions?: number } = {}) {
    this.#store = options.store ?? new MemoryDashboardSessionStore();
    this.#ttlMs = options.ttlMs ?? 12 * 3_600_000;
    this.#maxSessions = options.maxSessions ?? 10_000;
    this.#maxChecked = Math.min(this.#maxSessions, 1_000);
  }

  get ttlMs(): number {
    return this.#ttlMs;
  }

  /** Opens a session for the key; returns the token (to set as a cookie) and its expiry. */
  async open(keyHash: string, now = Date.now()): Promise<{ token: string; expiresAt: number }> {
    const token = `${SESSION_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const expiresAt = now + this.#ttlMs;
    await this.#store.open({ tokenHash: hashApiKey(token), keyHash, createdAt: now, expiresAt }, this.#maxSessions);
    return { token, expiresAt };
  }

  /** Reads the session of a token hash from the store, so resolve() answers for it now. */
  async check(tokenHash: string, now = Date.now()): Promise<Session | undefined> {
    const found = await this.#store.find(tokenHash, now);
    this.#checked.delete(tokenHash);
    if (!found) return undefined;
    const session = { keyHash: found.keyHash, expiresAt: found.expiresAt };
    while (this.#checked.size >= this.#maxChecked) this.#checked.delete(this.#checked.keys().next().value as string);
    this.#checked.set(tokenHash, session);
    return { ...session };
  }

  /** The key hash a live session token (given by its SHA-256) stands for, as its last check() found it. */
  resolve(tokenHash: string, now = Date.now()): Session | undefined {
    const session = this.#checked.get(tokenHash);
    if (!session) return undefined;
    if (session.expiresAt <= now) {
      this.#checked.delete(tokenHash);
      return undefined;
    }
    return { ...session };
  }

  async close(token: string): Promise<void> {
    const tokenHash = hashApiKey(token);
    this.#checked.delete(tokenHash);
    await this.#store.close(tokenHash);
  }

  /** Ends every session of a key (it was deleted or disabled). */
  async closeAllFor(keyHash: string): Promise<void> {
    for (const [tokenHash, session] of this.#checked) if (session.keyHash === keyHash) this.#checked.delete(tokenHash);
    await this.#store.closeAllFor(keyHash);
  }
}
