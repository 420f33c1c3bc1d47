import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { pino } from 'pino';
import { redisSkipReason, startRedis, type ThrowawayRedis } from '../../test/support/start-redis.js';
import { openRedis, type RedisConnection } from '../stores/redis/open-redis.js';
import { RedisResponseCacheStore } from './redis-response-cache-store.js';
import type { CachedResponse } from './response-cache-store.js';

const entry = (sourceId: string, text: string, storedAt = 0, ttlMs = 60_000): CachedResponse => ({
  sourceId,
  storedAt,
  ttlMs,
  model: 'm/x',
  providerName: 'P',
  finishReason: 'stop',
  body: { kind: 'json', text },
});

describe('RedisResponseCacheStore (real redis-server)', { skip: redisSkipReason() }, () => {
  let redis: ThrowawayRedis;
  let connection: RedisConnection;
  const PREFIX = 'test-cache:';
  const open = (maxBytes: number) => new RedisResponseCacheStore({ client: connection.client, maxBytes, keyPrefix: PREFIX });
  before(async () => {
    redis = await startRedis();
    connection = await openRedis({ url: redis.url, prefix: PREFIX, log: pino({ level: 'silent' }) });
  });
  beforeEach(() => connection.client.flushdb());
  after(async () => {
    await connection?.close();
    await redis?.stop();
  });

  it('expires entries after their TTL (by the caller clock and in Redis) and frees their bytes', async () => {
    const store = open(1_000_000);
    await store.set('k', entry('gen-1', '{}', 1000, 500));
    assert.equal((await store.get('k', 1499))?.sourceId, 'gen-1');
    assert.equal(await store.get('k', 1500), undefined);
    await store.set('short', entry('gen-2', '{}', Date.now(), 30));
    await new Promise((resolve) => setTimeout(resolve, 80));
    assert.equal(await store.get('short', Date.now() - 1000), undefined, 'Redis expired it');
    await store.delete('k');
    assert.equal(await store.bytes(), 0);
  });

  it('evicts the least recently used entries to stay within its byte budget', async () => {
    const big = 'x'.repeat(1000);
    const store = open(7000);
    await store.set('a', entry('gen-a', big, 1));
    await store.set('b', entry('gen-b', big, 2));
    await store.set('c', entry('gen-c', big, 3));
    await store.get('a', 4); // a is now the most recently used
    await store.set('d', entry('gen-d', big, 5));
    assert.ok((await store.bytes()) <= 7000);
    assert.equal(await store.get('b', 6), undefined, 'b was least recently used');
    assert.equal((await store.get('a', 7))?.sourceId, 'gen-a');
    assert.equal((await store.get('d', 8))?.sourceId, 'gen-d');
  });

  it('refuses an entry larger than the whole budget and replaces on set', async () => {
    const store = open(500);
    await store.set('huge', entry('gen-h', 'y'.repeat(1000)));
    assert.equal(await store.get('huge', 1), undefined);
    assert.equal(await store.bytes(), 0);
    await store.set('k', entry('gen-1', '1'));
    await store.set('k', entry('gen-2', '2'));
    assert.equal((await store.get('k', 1))?.sourceId, 'gen-2');
    assert.equal(await store.bytes(), (await connection.client.hvals('cache:sizes')).map(Number).reduce((a, b) => a + b, 0));
  });

  it('is one cache for every node (another connection reads what one stored); keys stay under the prefix', async () => {
    const other = await openRedis({ url: redis.url, prefix: PREFIX, log: pino({ level: 'silent' }) });
    try {
      await open(1_000_000).set('key-hash-1\u0000m', entry('gen-x', '{"a":1}'));
      const read = new RedisResponseCacheStore({ client: other.client, maxBytes: 1_000_000, keyPrefix: PREFIX });
      assert.equal((await read.get('key-hash-1\u0000m', 1))?.sourceId, 'gen-x');
      assert.equal(await read.get('key-hash-2\u0000m', 1), undefined, 'another key hash is another entry');
      assert.ok((await connection.client.keys('*')).every((key) => key.startsWith(PREFIX)));
    } finally {
      await other.close();
    }
  });

  it('a lost Redis is a miss and a skipped store, told once', async () => {
    const lonely = await openRedis({ url: redis.url, prefix: PREFIX, log: pino({ level: 'silent' }) });
    const told: unknown[] = [];
    const store = new RedisResponseCacheStore({ client: lonely.client, maxBytes: 1_000_000, keyPrefix: PREFIX, onUnavailable: (error) => told.push(error) });
    await lonely.close();
    await store.set('k', entry('gen-1', '{}'));
    assert.equal(await store.get('k', 1), undefined);
    assert.equal(told.length, 1);
  });
});
