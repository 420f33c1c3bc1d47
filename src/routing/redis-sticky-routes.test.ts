import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { redisSkipReason, startRedis, type ThrowawayRedis } from '../../test/support/start-redis.js';
import { openRedis, type RedisConnection } from '../stores/redis/open-redis.js';
import { RedisStickyRoutes } from './redis-sticky-routes.js';

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('RedisStickyRoutes (real redis-server)', { skip: redisSkipReason() }, () => {
  let redis: ThrowawayRedis;
  let a: RedisConnection;
  let b: RedisConnection;
  before(async () => {
    redis = await startRedis();
    a = await openRedis({ url: redis.url, prefix: 'test-sticky:', log: pino({ level: 'silent' }) });
    b = await openRedis({ url: redis.url, prefix: 'test-sticky:', log: pino({ level: 'silent' }) });
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await redis?.stop();
  });

  it('a route remembered on one node is recalled on another, per model, until idle', async () => {
    const onA = new RedisStickyRoutes({ client: a.client, idleMs: 10 * 60_000 });
    const onB = new RedisStickyRoutes({ client: b.client, idleMs: 10 * 60_000 });
    onA.remember('key1|s:chat-1', 'openai/gpt-4o', 'azure', 1000);
    await settle();
    const recalled = await onB.recall('key1|s:chat-1', 2000);
    assert.equal(recalled('openai/gpt-4o'), 'azure');
    assert.equal(recalled('anthropic/claude'), undefined);
    assert.equal((await onB.recall('key2|s:chat-1', 2000))('openai/gpt-4o'), undefined, 'another key, another conversation');
    assert.equal((await onB.recall('key1|s:chat-1', 1000 + 10 * 60_000 + 1))('openai/gpt-4o'), undefined, 'idle too long');
    const ttl = await a.client.pttl((await a.client.keys('test-sticky:sticky:*'))[0]!.slice('test-sticky:'.length));
    assert.ok(ttl > 0 && ttl <= 10 * 60_000, `ttl ${ttl}`);
  });

  it('a lost Redis means no stickiness, told once', async () => {
    const lonely = await openRedis({ url: redis.url, prefix: 'test-sticky:', log: pino({ level: 'silent' }) });
    const told: unknown[] = [];
    const sticky = new RedisStickyRoutes({ client: lonely.client, idleMs: 60_000, onUnavailable: (error) => told.push(error) });
    await lonely.close();
    sticky.remember('c', 'm', 'p', 1);
    assert.equal((await sticky.recall('c', 2))('m'), undefined);
    await settle();
    assert.equal(told.length, 1);
  });
});
