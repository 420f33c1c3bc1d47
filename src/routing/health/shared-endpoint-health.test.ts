import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { redisSkipReason, startRedis, type ThrowawayRedis } from '../../../test/support/start-redis.js';
import { openRedis, type RedisConnection } from '../../stores/redis/open-redis.js';
import { MemoryEndpointHealth } from './memory-endpoint-health.js';
import { SharedEndpointHealth } from './shared-endpoint-health.js';

const PREFIX = 'test-health:';

/** Polls until `check` holds, at most 2 s. */
async function eventually(check: () => boolean): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > 2000) assert.fail('not within 2 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('SharedEndpointHealth (real redis-server)', { skip: redisSkipReason() }, () => {
  let redis: ThrowawayRedis;
  const connections: RedisConnection[] = [];
  const nodes: SharedEndpointHealth[] = [];
  const node = async () => {
    const connection = await openRedis({ url: redis.url, prefix: PREFIX, log: pino({ level: 'silent' }) });
    connections.push(connection);
    const health = new SharedEndpointHealth({ local: new MemoryEndpointHealth(), writer: connection.client, reader: connection.subscriber(), keyPrefix: PREFIX });
    await health.start();
    nodes.push(health);
    return health;
  };
  before(async () => {
    redis = await startRedis();
  });
  after(async () => {
    for (const health of nodes) await health.close();
    for (const connection of connections) await connection.close();
    await redis?.stop();
  });

  it("failures seen by one node open the circuit on the other; each node counts every attempt once; a node started later replays them", async () => {
    const a = await node();
    const b = await node();
    const now = Date.now();
    for (let i = 0; i < 5; i += 1) a.record({ endpoint: 'p|m', outcome: 'failure', at: now + i });
    b.record({ endpoint: 'p|m', outcome: 'success', at: now - 1000, ttftMs: 120 });
    await eventually(() => b.stats('p|m', now + 10).failures === 5);
    assert.equal(b.availability('p|m', now + 10), 'unstable');
    assert.equal(b.stats('p|m', now + 10).breaker, 'open');
    await eventually(() => a.stats('p|m', now + 10).successes === 1);
    assert.equal(a.stats('p|m', now + 10).failures, 5, 'its own attempts are not counted twice');
    assert.equal(a.stats('p|m', now + 10).latency30m?.p50, 120);
    a.recordThroughput({ endpoint: 'p|m', tokensPerSecond: 80, at: now });
    await eventually(() => b.percentile({ endpoint: 'p|m', metric: 'throughput', percentile: 'p50', windowMs: 60_000, now: now + 10 }) === 80);
    const late = await node();
    assert.equal(late.stats('p|m', now + 10).failures, 5);
    assert.equal(late.stats('p|m', now + 10).successes, 1);
    assert.deepEqual(late.endpoints(), ['p|m']);
  });
});
