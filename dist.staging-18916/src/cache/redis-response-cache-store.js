import { createHash } from "node:crypto";
import { cachedResponseBytes } from "./response-cache-store.js";
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
class RedisResponseCacheStore {
  #redis;
  #maxBytes;
  #prefix;
  #ns;
  #onUnavailable;
  #down = false;
  constructor(options) {
    const client = options.client;
    if (!client.switchyardCacheSet) client.defineCommand("switchyardCacheSet", { lua: SET, numberOfKeys: 5 });
    if (!client.switchyardCacheGet) client.defineCommand("switchyardCacheGet", { lua: GET, numberOfKeys: 5 });
    this.#redis = client;
    this.#maxBytes = options.maxBytes;
    this.#ns = options.namespace ?? "cache:";
    this.#prefix = options.keyPrefix;
    this.#onUnavailable = options.onUnavailable ?? (() => {
    });
  }
  async get(key, now) {
    const digest = digestOf(key);
    try {
      const json = await this.#redis.switchyardCacheGet(...this.#keys(digest), digest, now);
      this.#up();
      if (!json) return void 0;
      const entry = JSON.parse(json);
      return entry.storedAt + entry.ttlMs <= now ? void 0 : entry;
    } catch (error) {
      this.#fail(error);
      return void 0;
    }
  }
  async set(key, entry) {
    const digest = digestOf(key);
    const ttlMs = Math.max(1, entry.ttlMs);
    try {
      await this.#redis.switchyardCacheSet(...this.#keys(digest), digest, JSON.stringify(entry), ttlMs, cachedResponseBytes(entry), entry.storedAt, this.#maxBytes, `${this.#prefix}${this.#ns}e:`);
      this.#up();
    } catch (error) {
      this.#fail(error);
    }
  }
  async delete(key) {
    const digest = digestOf(key);
    try {
      await this.#redis.del(`${this.#ns}e:${digest}`);
      await this.#redis.switchyardCacheGet(...this.#keys(digest), digest, Date.now());
      this.#up();
    } catch (error) {
      this.#fail(error);
    }
  }
  /** Bytes the index holds (for tests and metrics). */
  async bytes() {
    return Number(await this.#redis.get(`${this.#ns}total`) ?? 0);
  }
  #keys(digest) {
    const ns = this.#ns;
    return [`${ns}e:${digest}`, `${ns}lru`, `${ns}sizes`, `${ns}total`, `${ns}expiry`];
  }
  #up() {
    this.#down = false;
  }
  #fail(error) {
    if (this.#down) return;
    this.#down = true;
    this.#onUnavailable(error);
  }
}
function digestOf(key) {
  return createHash("sha256").update(key).digest("base64url");
}
export {
  RedisResponseCacheStore
};
//# sourceMappingURL=redis-response-cache-store.js.map
