import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { cachedResponseBytes, type CachedResponse, type ResponseCacheStore } from './response-cache-store.js';

/**
 * Stores one entry and keeps the byte budget. KEYS: entry, lru (zset digest → last use),
 * sizes (hash digest → bytes), total (bytes held), expiry (zset digest → expiry).
 * ARGV: digest, json, ttlMs, bytes, now, maxBytes, entry key prefix (full, for evicted digests).
 */
const SET = `
local digest, json, ttl, bytes, now, max, entryPrefix = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]), ARGV[7]
local function drop(d)
  local size = tonumber(redis.call('HGET', KEYS[3], d) or '0')
  redis.call('HDEL', KEYS[3], d)
  redis.call('ZREM', KEYS[2], d)
  redis.call('ZREM', KEYS[5], d)
  redis.call('DEL', entryPrefix .. d)
  if size > 0 then redis.call('DECRBY', KEYS[4], size) end
end
drop(digest)
-- Entries Redis already expired still count in the index: forget them first (bounded work).
local expired = redis.call('ZRANGEBYSCORE', KEYS[5], '-inf', string.format('%.0f', now), 'LIMIT', 0, 64)
for _, d in ipairs(expired) do drop(d) end
if bytes > max then return 0 end
redis.call('SET', KEYS[1], json, 'PX', string.format('%.0f', ttl))
redis.call('ZADD', KEYS[2], string.format('%.0f', now), digest)
redis.call('ZADD', KEYS[5], string.format('%.0f', now + ttl), digest)
redis.call('HSET', KEYS[3], digest, bytes)
local total = redis.call('INCRBY', KEYS[4], bytes)
while total > max do
  local oldest = redis.call('ZRANGE', KEYS[2], 0, 0)
  if #oldest == 0 then break end
  drop(oldest[1])
  total = tonumber(redis.call('GET', KEYS[4]) or '0')
end
return 1
`;

/** Reads an entry and marks it used. KEYS: entry, lru, sizes, total, expiry. ARGV: digest, now. */
const GET = `
local json = redis.call('GET', KEYS[1])
if not json then
  local size = tonumber(redis.call('HGET', KEYS[3], ARGV[1]) or '0')
  if size > 0 then
    redis.call('HDEL', KEYS[3], ARGV[1])
    redis.call('DECRBY', KEYS[4], size)
  end
  redis.call('ZREM', KEYS[2], ARGV[1])
  redis.call('ZREM', KEYS[5], ARGV[1])
  return false
end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
return json
`;

interface CacheCommands {
  switchyardCacheSet(...args: Array<string | number>): Promise<number>;
  switchyardCacheGet(...args: Array<string | number>): Promise<string | null>;
}

/**
 * ResponseCacheStore in Redis, one cache for every node: entries expire with their TTL (Redis
 * PX), and the whole cache stays within `maxBytes` by evicting the least recently used entries
 * (an index in sorted sets, kept by two Lua scripts). Keys are a SHA-256 of the cache key, which
 * starts with the API key's hash, so the per-key scope is kept.
 *
 * Redis lost: a lookup is a miss and a store is skipped (the request is served upstream as if the
 * cache were cold); `onUnavailable` is told once per outage.
 */
export class RedisResponseCacheStore implements ResponseCacheStore {
  readonly #redis: Redis & CacheCommands;
  readonly #maxBytes: number;
  readonly #prefix: string;
  readonly #ns: string;
  readonly #onUnavailable: (error: unknown) => void;
  #down = false;

  constructor(options: { client: Redis; maxBytes: number; keyPrefix: string; namespace?: string; onUnavailable?: (error: unknown) => void }) {
    const client = options.client as Redis & Partial<CacheCommands>;
    if (!client.switchyardCacheSet) client.defineCommand('switchyardCacheSet', { lua: SET, numberOfKeys: 5 });
    if (!client.switchyardCacheGet) client.defineCommand('switchyardCacheGet', { lua: GET, numberOfKeys: 5 });
    this.#redis = client as Redis & CacheCommands;
    this.#maxBytes = options.maxBytes;
    this.#ns = options.namespace ?? 'cache:';
    this.#prefix = options.keyPrefix;
    this.#onUnavailable = options.onUnavailable ?? (() => {});
  }

  async get(key: string, now: number): Promise<CachedResponse | undefined> {
    const digest = digestOf(key);
    try {
      const json = await this.#redis.switchyardCacheGet(...this.#keys(digest), digest, now);
      this.#up();
      if (!json) return undefined;
      const entry = JSON.parse(json) as CachedResponse;
      return entry.storedAt + entry.ttlMs <= now ? undefined : entry;
    } catch (error) {
      this.#fail(error);
      return undefined;
    }
  }

  async set(key: string, entry: CachedResponse): Promise<void> {
    const digest = digestOf(key);
    const ttlMs = Math.max(1, entry.ttlMs);
    try {
      await this.#redis.switchyardCacheSet(...this.#keys(digest), digest, JSON.stringify(entry), ttlMs, cachedResponseBytes(entry), entry.storedAt, this.#maxBytes, `${this.#prefix}${this.#ns}e:`);
      this.#up();
    } catch (error) {
      this.#fail(error);
    }
  }

  async delete(key: string): Promise<void> {
    const digest = digestOf(key);
    try {
      // A lookup of a missing entry cleans its index rows: delete the entry, then look it up.
      await this.#redis.del(`${this.#ns}e:${digest}`);
      await this.#redis.switchyardCacheGet(...this.#keys(digest), digest, Date.now());
      this.#up();
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Bytes the index holds (for tests and metrics). */
  async bytes(): Promise<number> {
    return Number((await this.#redis.get(`${this.#ns}total`)) ?? 0);
  }

  #keys(digest: string): string[] {
    const ns = this.#ns;
    return [`${ns}e:${digest}`, `${ns}lru`, `${ns}sizes`, `${ns}total`, `${ns}expiry`];
  }

  #up(): void {
    this.#down = false;
  }

  #fail(error: unknown): void {
    if (this.#down) return;
    this.#down = true;
    this.#onUnavailable(error);
  }
}

function digestOf(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}
