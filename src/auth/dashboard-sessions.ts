import { randomBytes } from 'node:crypto';
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
 * is kept, in memory, bounded: the oldest sessions go first past `maxSessions`, and a
 * gateway restart signs everyone out.
 */
export class DashboardSessions {
  readonly #byTokenHash = new Map<string, Session>();
  readonly #ttlMs: number;
  readonly #maxSessions: number;

  constructor(options: { ttlMs?: number; maxSessions?: number } = {}) {
    this.#ttlMs = options.ttlMs ?? 12 * 3_600_000;
    this.#maxSessions = options.maxSessions ?? 10_000;
  }

  get ttlMs(): number {
    return this.#ttlMs;
  }

  /** Opens a session for the key; returns the token (to set as a cookie) and its expiry. */
  open(keyHash: string, now = Date.now()): { token: string; expiresAt: number } {
    this.#prune(now);
    while (this.#byTokenHash.size >= this.#maxSessions) {
      const oldest = this.#byTokenHash.keys().next().value as string;
      this.#byTokenHash.delete(oldest);
    }
    const token = `${SESSION_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const expiresAt = now + this.#ttlMs;
    this.#byTokenHash.set(hashApiKey(token), { keyHash, expiresAt });
    return { token, expiresAt };
  }

  /** The key hash a live session token (given by its SHA-256) stands for. */
  resolve(tokenHash: string, now = Date.now()): { keyHash: string; expiresAt: number } | undefined {
    const session = this.#byTokenHash.get(tokenHash);
    if (!session) return undefined;
    if (session.expiresAt <= now) {
      this.#byTokenHash.delete(tokenHash);
      return undefined;
    }
    return { ...session };
  }

  close(token: string): void {
    this.#byTokenHash.delete(hashApiKey(token));
  }

  /** Ends every session of a key (it was deleted or disabled). */
  closeAllFor(keyHash: string): void {
    for (const [tokenHash, session] of this.#byTokenHash) if (session.keyHash === keyHash) this.#byTokenHash.delete(tokenHash);
  }

  #prune(now: number): void {
    for (const [tokenHash, session] of this.#byTokenHash) if (session.expiresAt <= now) this.#byTokenHash.delete(tokenHash);
  }
}
