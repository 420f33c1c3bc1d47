import { AuthError } from '../core/errors/gateway-error.js';
import type { ApiKeyPatch, ApiKeyRecord, KeyKind, KeyStore } from '../stores/key-store.js';
import { hashApiKey } from './mint-api-key.js';
import type { DashboardSessionStore } from '../stores/dashboard-session-store.js';
import { DashboardSessions, SESSION_TOKEN_PREFIX } from './dashboard-sessions.js';

/** Who is calling: the key's record (management keys from config have a synthetic one). */
export interface Caller {
  key: ApiKeyRecord;
}

/**
 * Authenticates bearer keys from memory: every key is loaded at start-up and every change
 * made through this registry updates the cache, so no request reads the database to
 * authenticate. Writes go to the store first, then to the cache.
 */
/** How long a key found in no store is not looked up again, and how many such misses are remembered. */
const MISS_TTL_MS = 1_000;
const MAX_MISSES = 10_000;

export class KeyRegistry {
  readonly #byHash = new Map<string, ApiKeyRecord>();
  readonly #store: KeyStore;
  /** Whether other nodes write the same key store (PostgreSQL): a key unknown here may be new there. */
  readonly sharedStore: boolean;
  /** Keys looked up and found in no store, by hash: until when they are not looked up again. */
  readonly #misses = new Map<string, number>();
  #managementKeys: ApiKeyRecord[] = [];
  /** Dashboard sign-in sessions: a session token authenticates as the key that opened it. */
  readonly sessions: DashboardSessions;

  private constructor(store: KeyStore, sessions: DashboardSessions, sharedStore: boolean) {
    this.#store = store;
    this.sessions = sessions;
    this.sharedStore = sharedStore;
  }

  /**
   * `sessions`: where dashboard sessions live (the database's table); process memory when omitted.
   * `sharedStore`: other nodes write the same key store (see learnUnknownKey).
   */
  static async load(store: KeyStore, managementKeys: ApiKeyRecord[], options: { sessions?: DashboardSessionStore; sharedStore?: boolean } = {}): Promise<KeyRegistry> {
    const registry = new KeyRegistry(store, new DashboardSessions({ store: options.sessions }), options.sharedStore ?? false);
    for (const record of await store.listAll()) registry.#byHash.set(record.hash, record);
    for (const record of managementKeys) registry.#byHash.set(record.hash, record);
    registry.#managementKeys = managementKeys;
    return registry;
  }

  /** Re-reads one key from the store (another node changed it): updated, or gone when deleted. */
  async refresh(hash: string): Promise<void> {
    const record = await this.#store.findByHash(hash);
    if (record) this.#byHash.set(hash, record);
    else if (this.#byHash.get(hash)?.kind === 'inference') this.#byHash.delete(hash);
  }

  /**
   * A bearer key this node does not know, on a store other nodes share, is read from the store
   * before the request is authenticated: a key created on another node a moment ago works here at
   * once, not only once that node's change notice has arrived. A key found nowhere is not looked up
   * again for MISS_TTL_MS (at most MAX_MISSES remembered), so a stream of bad keys costs one indexed
   * read each per second at most. Undefined (nothing to wait for) when the key is known, is not a
   * bearer key, or the store is this node's alone.
   */
  learnUnknownKey(authorization: string | undefined, now = Date.now()): Promise<void> | undefined {
    if (!this.sharedStore || authorization === undefined) return undefined;
    const token = BEARER.exec(authorization)?.[1];
    if (token === undefined || token.startsWith(SESSION_TOKEN_PREFIX)) return undefined;
    const hash = hashApiKey(token);
    if (this.#byHash.has(hash) || (this.#misses.get(hash) ?? 0) > now) return undefined;
    if (this.#misses.size >= MAX_MISSES) this.#misses.delete(this.#misses.keys().next().value as string);
    this.#misses.set(hash, now + MISS_TTL_MS);
    return this.refresh(hash);
  }

  /** Re-reads every key (after notices may have been missed). */
  async reload(): Promise<void> {
    const records = await this.#store.listAll();
    const fresh = new Map<string, ApiKeyRecord>();
    for (const record of records) fresh.set(record.hash, record);
    for (const record of this.#managementKeys) fresh.set(record.hash, record);
    for (const hash of this.#byHash.keys()) if (!fresh.has(hash)) this.#byHash.delete(hash);
    for (const [hash, record] of fresh) this.#byHash.set(hash, record);
  }

  /** Resolves an Authorization header value to a caller of the required kind, or throws 401/403. */
  authenticate(authorization: string | undefined, required: KeyKind | 'any', now = Date.now()): Caller {
    const token = readBearer(authorization);
    const hash = hashApiKey(token);
    let key = this.#byHash.get(hash);
    if (!key && token.startsWith(SESSION_TOKEN_PREFIX)) {
      const session = this.sessions.resolve(hash, now);
      if (session) key = this.#byHash.get(session.keyHash);
    }
    if (!key) throw new AuthError('invalid_key', { message: 'Invalid API key. Check the key and the Authorization header.' });
    return checkKey(key, required, now);
  }

  /**
   * The caller of an internal request made for a key known by its hash (a Batch API line): the
   * same checks as a bearer key, so a key disabled, expired or deleted since submission stops there.
   */
  authenticateHash(hash: string, required: KeyKind, now = Date.now()): Caller {
    const key = this.#byHash.get(hash);
    if (!key) throw new AuthError('invalid_key', { message: 'The API key that submitted this batch no longer exists.' });
    return checkKey(key, required, now);
  }

  async create(record: ApiKeyRecord): Promise<void> {
    await this.#store.create(record);
    this.#byHash.set(record.hash, record);
  }

  async update(hash: string, patch: ApiKeyPatch): Promise<ApiKeyRecord | undefined> {
    const updated = await this.#store.update(hash, patch, new Date().toISOString());
    if (updated) this.#byHash.set(hash, updated);
    // A disabled key's sessions end (re-enabling it does not revive them).
    if (updated?.disabled) await this.sessions.closeAllFor(hash);
    return updated;
  }

  async delete(hash: string): Promise<boolean> {
    const deleted = await this.#store.delete(hash);
    await this.sessions.closeAllFor(hash);
    // Management keys from config are not in the store and must survive a delete by hash.
    if (this.#byHash.get(hash)?.kind === 'inference') this.#byHash.delete(hash);
    return deleted;
  }

  /** A cached inference key by hash (management routes look keys up here too). */
  get(hash: string): ApiKeyRecord | undefined {
    const key = this.#byHash.get(hash);
    return key?.kind === 'inference' ? key : undefined;
  }
}

/** A known key's state and kind checked for this use (401 disabled or expired, 403 wrong kind). */
function checkKey(key: ApiKeyRecord, required: KeyKind | 'any', now: number): Caller {
  if (key.disabled) throw new AuthError('disabled_key', { message: 'This API key is disabled. Use another key, or re-enable this one with PATCH /api/v1/keys/{hash} {"disabled": false}.' });
  if (key.expiresAt !== null && Date.parse(key.expiresAt) <= now) {
    throw new AuthError('expired_key', { message: `This API key expired at ${key.expiresAt}. Create a new key with POST /api/v1/keys.` });
  }
  if (required !== 'any' && key.kind !== required) {
    throw new AuthError('wrong_key_kind', {
      message:
        required === 'management'
          ? 'Only management keys can perform this operation: use the admin key (admin_key / SWITCHYARD_ADMIN_KEY, or <data_dir>/admin-key)'
          : 'Management keys cannot be used for inference; create an API key with POST /api/v1/keys',
    });
  }
  return { key };
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

function readBearer(authorization: string | undefined): string {
  if (!authorization) {
    throw new AuthError('missing_auth', { message: 'Missing Authorization header. Send "Authorization: Bearer <your API key>".' });
  }
  const match = BEARER.exec(authorization);
  if (!match) {
    throw new AuthError('missing_auth', { message: 'Malformed Authorization header. Expected "Bearer <your API key>".' });
  }
  return match[1] as string;
}
