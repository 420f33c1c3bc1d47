import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { redisSkipReason, startRedis, type ThrowawayRedis } from '../../../test/support/start-redis.js';
import { describeRateLimitStoreContract } from '../contract/rate-limit-store.contract.js';
import { openRedis, type RedisConnection } from './open-redis.js';
import { RedisRateLimitStore } from './redis-rate-limit-store.js';

const skip = redisSkipReason();

describe('RedisRateLimitStore (real redis-server)', { skip }, () => {
  let redis: ThrowawayRedis;
  let connection: RedisConnection;
  let other: RedisConnection;
  before(async () => {
    redis = await startRedis();
    connection = await openRedis({ url: redis.url, prefix: 'test-a:', log: pino({ level: 'silent' }) });
    other = await openRedis({ url: redis.url, prefix: 'test-a:', log: pino({ level: 'silent' }) });
  });
  after(async () => {
    await connection?.close();
    await other?.close();
    await redis?.stop();
  });

  describeRateLimitStoreContract('redis', async () => {
    await connection.client.flushdb();
    return new RedisRateLimitStore({ client: connection.client });
  });

  it('two nodes (two connections) share one counter: exactly `limit` of their parallel admits succeed', async () => {
    await connection.client.flushdb();
    const a = new RedisRateLimitStore({ client: connection.client });
    const b = new RedisRateLimitStore({ client: other.client });
    const now = Date.now();
    const window = { id: 'rpm:shared', limit: 25, cost: 1, windowMs: 60_000, mode: 'sliding' as const };
    const results = await Promise.all(Array.from({ length: 80 }, (_, i) => (i % 2 ? a : b).admit({ windows: [window], slots: [], now })));
    assert.equal(results.filter((result) => result.admitted).length, 25);
    // Refusals are counted off the answer's path, on whichever connection refused: a PING on each
    // is answered only after those writes, so none lands after the next test's FLUSHDB.
    await Promise.all([connection.client.ping(), other.client.ping()]);
  });

  it('keeps its keys under the prefix and lets them expire', async () => {
    await connection.client.flushdb();
    const store = new RedisRateLimitStore({ client: connection.client });
    await store.admit({ windows: [{ id: 'rpm:x', limit: 5, cost: 1, windowMs: 60_000, mode: 'sliding' }], slots: [{ id: 'conc:x', limit: 2, leaseId: 'l1', ttlMs: 30_000 }], now: Date.now() });
    const keys = (await connection.client.keys('*')).sort();
    assert.deepEqual(keys, ['test-a:rl:rpm:x', 'test-a:rl:slot:conc:x']);
    const ttl = await connection.client.pttl('rl:rpm:x');
    assert.ok(ttl > 60_000 && ttl <= 121_000, `counter ttl ${ttl}`);
    const slotTtl = await connection.client.pttl('rl:slot:conc:x');
    assert.ok(slotTtl > 0 && slotTtl <= 30_000, `slot ttl ${slotTtl}`);
  });
});
