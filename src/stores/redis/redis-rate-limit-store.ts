import type { Redis } from 'ioredis';
import { REFUSAL_BUCKET_MS, REFUSAL_HISTORY_MS, type AdmitResult, type ChargedWindow, type RateLimitStore, type SlotClaim, type UsageQuery, type WindowCharge } from '../rate-limit-store.js';

/**
 * The admission check as one Lua script, so every node sees one atomic counter per id: the same
 * algorithm as memory-rate-limit-store.ts (epoch-aligned buckets, sliding estimate from the
 * previous bucket, lease sets for concurrency).
 *
 * KEYS: one counter hash per window ({b: bucket start, c: current, p: previous}), then one
 * sorted set per slot id (lease id → expiry, epoch ms).
 * ARGV: now, #windows, #slots, then limit, cost, windowMs, sliding(1|0) per window, then
 * limit, leaseId, ttlMs per slot.
 * Returns {1, bucketStart…} when admitted, else {0, kind (0 window, 1 slot), index, remaining,
 * retryAt (-1 = never)}.
 */
const ADMIT = `
local now = tonumber(ARGV[1])
local nw = tonumber(ARGV[2])
local ns = tonumber(ARGV[3])
local function int(x) return string.format('%.0f', x) end
local buckets, currents = {}, {}
for i = 1, nw do
  local a = 3 + (i - 1) * 4
  local limit, cost, windowMs, sliding = tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2]), tonumber(ARGV[a + 3]), ARGV[a + 4] == '1'
  local bucket = math.floor(now / windowMs) * windowMs
  local v = redis.call('HMGET', KEYS[i], 'b', 'c', 'p')
  local b, c, p = tonumber(v[1]), tonumber(v[2]) or 0, tonumber(v[3]) or 0
  if b == nil then
    c, p = 0, 0
  elseif b ~= bucket then
    if bucket - b == windowMs then p = c else p = 0 end
    c = 0
  end
  b = bucket
  local used = c
  if sliding then used = p * (1 - (now - b) / windowMs) + c end
  if used + cost > limit then
    local retry
    local nextb = b + windowMs
    if cost > limit then retry = -1
    elseif not sliding then retry = nextb
    elseif c + cost <= limit and p > 0 then retry = math.max(b + math.ceil(windowMs * (1 - (limit - c - cost) / p)), now + 1)
    elseif c == 0 then retry = nextb
    else retry = nextb + math.max(0, math.ceil(windowMs * (1 - (limit - cost) / c))) end
    return {0, 0, i - 1, math.max(0, math.floor(limit - used)), retry}
  end
  buckets[i] = b
  currents[i] = {c + cost, p}
end
local base = 3 + nw * 4
for j = 1, ns do
  local key = KEYS[nw + j]
  local limit = tonumber(ARGV[base + (j - 1) * 3 + 1])
  if redis.call('ZCARD', key) >= limit then
    redis.call('ZREMRANGEBYSCORE', key, '-inf', int(now))
    if redis.call('ZCARD', key) >= limit then
      local soonest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
      return {0, 1, j - 1, 0, math.min(tonumber(soonest[2]), now + 1000)}
    end
  end
end
local out = {1}
for i = 1, nw do
  local windowMs = tonumber(ARGV[3 + (i - 1) * 4 + 3])
  redis.call('HSET', KEYS[i], 'b', int(buckets[i]), 'c', int(currents[i][1]), 'p', int(currents[i][2]))
  redis.call('PEXPIRE', KEYS[i], int(2 * windowMs + 1000))
  out[#out + 1] = buckets[i]
end
for j = 1, ns do
  local key = KEYS[nw + j]
  local a = base + (j - 1) * 3
  local ttl = tonumber(ARGV[a + 3])
  redis.call('ZADD', key, int(now + ttl), ARGV[a + 2])
  if redis.call('PTTL', key) < ttl then redis.call('PEXPIRE', key, int(ttl)) end
end
return out
`;

/** KEYS: the counter. ARGV: bucketStart, windowMs, delta. */
const ADJUST = `
local v = redis.call('HMGET', KEYS[1], 'b', 'c', 'p')
local b = tonumber(v[1])
if b == nil then return 0 end
local bucket, windowMs, delta = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
if b == bucket then
  redis.call('HSET', KEYS[1], 'c', string.format('%.0f', math.max(0, (tonumber(v[2]) or 0) + delta)))
elseif b - windowMs == bucket then
  redis.call('HSET', KEYS[1], 'p', string.format('%.0f', math.max(0, (tonumber(v[3]) or 0) + delta)))
end
return 1
`;

interface RateLimitCommands {
  switchyardAdmit(numberOfKeys: number, ...args: Array<string | number>): Promise<number[]>;
  switchyardAdjust(key: string, bucketStart: number, windowMs: number, delta: number): Promise<number>;
}

/**
 * RateLimitStore in Redis, shared by every node: admission is one Lua script (atomic on the
 * server, one round trip), counters expire two windows after their last charge and lease sets
 * after their longest lease, so idle keys leave nothing behind. Times come from the caller's
 * clock like the memory store's; nodes are expected to keep NTP time.
 */
export class RedisRateLimitStore implements RateLimitStore {
  readonly #redis: Redis & RateLimitCommands;
  readonly #ns: string;

  constructor(options: { client: Redis; namespace?: string }) {
    const client = options.client as Redis & Partial<RateLimitCommands>;
    if (!client.switchyardAdmit) client.defineCommand('switchyardAdmit', { lua: ADMIT });
    if (!client.switchyardAdjust) client.defineCommand('switchyardAdjust', { lua: ADJUST, numberOfKeys: 1 });
    this.#redis = client as Redis & RateLimitCommands;
    this.#ns = options.namespace ?? 'rl:';
  }

  async admit(request: { windows: WindowCharge[]; slots: SlotClaim[]; now: number }): Promise<AdmitResult> {
    const { windows, slots, now } = request;
    const keys = [...windows.map((window) => this.#ns + window.id), ...slots.map((slot) => `${this.#ns}slot:${slot.id}`)];
    const args: Array<string | number> = [now, windows.length, slots.length];
    for (const window of windows) args.push(window.limit, window.cost, window.windowMs, window.mode === 'sliding' ? 1 : 0);
    for (const slot of slots) args.push(slot.limit, slot.leaseId, slot.ttlMs);
    const reply = await this.#redis.switchyardAdmit(keys.length, ...keys, ...args);
    if (reply[0] === 1) {
      return { admitted: true, charged: windows.map((window, index) => ({ id: window.id, windowMs: window.windowMs, bucketStart: Number(reply[index + 1]) })) };
    }
    const [, kind, index, remaining, retryAt] = reply.map(Number) as [number, number, number, number, number];
    this.#countRefusal(kind === 0 ? (windows[index] as WindowCharge).id : (slots[index] as SlotClaim).id, now);
    return { admitted: false, blocked: { kind: kind === 0 ? 'window' : 'slot', index }, remaining, retryAt: retryAt < 0 ? Number.POSITIVE_INFINITY : retryAt };
  }

  async adjust(window: ChargedWindow, delta: number): Promise<void> {
    await this.#redis.switchyardAdjust(this.#ns + window.id, window.bucketStart, window.windowMs, delta);
  }

  async usage(query: UsageQuery): Promise<{ windows: number[]; slots: number[] }> {
    const pipeline = this.#redis.pipeline();
    for (const window of query.windows) pipeline.hmget(this.#ns + window.id, 'b', 'c', 'p');
    for (const id of query.slots) pipeline.zcount(`${this.#ns}slot:${id}`, `(${query.now}`, '+inf');
    const replies = ((await pipeline.exec()) ?? []).map(([error, value]) => {
      if (error) throw error;
      return value;
    });
    const windows = query.windows.map((window, index) => {
      const [b, c, p] = (replies[index] as Array<string | null>).map((value) => (value === null ? undefined : Number(value)));
      if (b === undefined) return 0;
      // The same roll and estimate as the admission script, read-only.
      const bucket = Math.floor(query.now / window.windowMs) * window.windowMs;
      const current = b === bucket ? (c ?? 0) : 0;
      const previous = b === bucket ? (p ?? 0) : bucket - b === window.windowMs ? (c ?? 0) : 0;
      return window.mode === 'fixed' ? current : previous * (1 - (query.now - bucket) / window.windowMs) + current;
    });
    const slots = query.slots.map((_, index) => Number(replies[query.windows.length + index]));
    return { windows, slots };
  }

  async refusals(query: { ids: string[]; now: number }): Promise<Array<{ id: string; bucketStart: number; count: number }>> {
    const pipeline = this.#redis.pipeline();
    for (const id of query.ids) pipeline.hgetall(`${this.#ns}refused:${id}`);
    const replies = (await pipeline.exec()) ?? [];
    const since = query.now - REFUSAL_HISTORY_MS;
    return query.ids.flatMap((id, index) => {
      const [error, value] = replies[index] ?? [null, {}];
      if (error) throw error;
      return Object.entries(value as Record<string, string>)
        .map(([bucket, count]) => ({ id, bucketStart: Number(bucket), count: Number(count) }))
        .filter((row) => row.bucketStart > since && row.bucketStart <= query.now)
        .sort((a, b) => a.bucketStart - b.bucketStart);
    });
  }

  /** Off the answer's path (the 429 does not wait): one hash per id, bucket → count, expiring a day after its last refusal. */
  #countRefusal(id: string, now: number): void {
    const key = `${this.#ns}refused:${id}`;
    const bucket = Math.floor(now / REFUSAL_BUCKET_MS) * REFUSAL_BUCKET_MS;
    void this.#redis
      .pipeline()
      .hincrby(key, String(bucket), 1)
      .hdel(key, String(bucket - REFUSAL_HISTORY_MS))
      .pexpire(key, REFUSAL_HISTORY_MS + REFUSAL_BUCKET_MS)
      .exec()
      .catch(() => {});
  }

  async release(slots: Array<{ id: string; leaseId: string }>): Promise<void> {
    if (slots.length === 0) return;
    const pipeline = this.#redis.pipeline();
    for (const slot of slots) pipeline.zrem(`${this.#ns}slot:${slot.id}`, slot.leaseId);
    await pipeline.exec();
  }
}
