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
class RedisRateLimitStore {
  #redis;
  #ns;
  constructor(options) {
    const client = options.client;
    if (!client.switchyardAdmit) client.defineCommand("switchyardAdmit", { lua: ADMIT });
    if (!client.switchyardAdjust) client.defineCommand("switchyardAdjust", { lua: ADJUST, numberOfKeys: 1 });
    this.#redis = client;
    this.#ns = options.namespace ?? "rl:";
  }
  async admit(request) {
    const { windows, slots, now } = request;
    const keys = [...windows.map((window) => this.#ns + window.id), ...slots.map((slot) => `${this.#ns}slot:${slot.id}`)];
    const args = [now, windows.length, slots.length];
    for (const window of windows) args.push(window.limit, window.cost, window.windowMs, window.mode === "sliding" ? 1 : 0);
    for (const slot of slots) args.push(slot.limit, slot.leaseId, slot.ttlMs);
    const reply = await this.#redis.switchyardAdmit(keys.length, ...keys, ...args);
    if (reply[0] === 1) {
      return { admitted: true, charged: windows.map((window, index2) => ({ id: window.id, windowMs: window.windowMs, bucketStart: Number(reply[index2 + 1]) })) };
    }
    const [, kind, index, remaining, retryAt] = reply.map(Number);
    return { admitted: false, blocked: { kind: kind === 0 ? "window" : "slot", index }, remaining, retryAt: retryAt < 0 ? Number.POSITIVE_INFINITY : retryAt };
  }
  async adjust(window, delta) {
    await this.#redis.switchyardAdjust(this.#ns + window.id, window.bucketStart, window.windowMs, delta);
  }
  async release(slots) {
    if (slots.length === 0) return;
    const pipeline = this.#redis.pipeline();
    for (const slot of slots) pipeline.zrem(`${this.#ns}slot:${slot.id}`, slot.leaseId);
    await pipeline.exec();
  }
}
export {
  RedisRateLimitStore
};
//# sourceMappingURL=redis-rate-limit-store.js.map
