import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { endpointKey } from './endpoint-health.js';
import { MemoryEndpointHealth } from './memory-endpoint-health.js';

const E = endpointKey('acme/model', 'sim-a');
const T0 = 1_700_000_000_000;

describe('MemoryEndpointHealth outage window', () => {
  it('a failure marks the endpoint unstable for 30 s, then it comes back', () => {
    const health = new MemoryEndpointHealth();
    assert.equal(health.availability(E, T0), 'stable');
    health.record({ endpoint: E, outcome: 'failure', at: T0 });
    assert.equal(health.availability(E, T0 + 1000), 'unstable');
    assert.equal(health.availability(E, T0 + 29_000), 'unstable');
    assert.equal(health.availability(E, T0 + 31_000), 'stable');
  });

  it('rate limits count as an outage; more successes than failures do not', () => {
    const health = new MemoryEndpointHealth();
    health.record({ endpoint: E, outcome: 'rate_limited', at: T0 });
    assert.equal(health.availability(E, T0 + 10), 'unstable');
    health.record({ endpoint: E, outcome: 'success', at: T0 + 20 });
    health.record({ endpoint: E, outcome: 'success', at: T0 + 30 });
    assert.equal(health.availability(E, T0 + 40), 'stable');
  });
});

describe('MemoryEndpointHealth circuit breaker', () => {
  it('opens after consecutive failures, lets one probe through after the cooldown, closes on success', () => {
    const health = new MemoryEndpointHealth({ consecutiveFailures: 3, cooldownMs: 10_000 });
    for (let i = 0; i < 3; i += 1) health.record({ endpoint: E, outcome: 'failure', at: T0 + i });
    assert.equal(health.stats(E, T0 + 10).breaker, 'open');
    assert.equal(health.stats(E, T0 + 10).status, -2);
    assert.equal(health.availability(E, T0 + 5000), 'unstable');
    assert.equal(health.availability(E, T0 + 10_010), 'probe');
    assert.equal(health.availability(E, T0 + 10_020), 'unstable', 'only one probe at a time');
    health.record({ endpoint: E, outcome: 'success', at: T0 + 10_030, ttftMs: 50 });
    assert.equal(health.stats(E, T0 + 10_040).breaker, 'closed');
    assert.equal(health.availability(E, T0 + 45_000), 'stable');
  });

  it('a failed probe opens it again for another cooldown', () => {
    const health = new MemoryEndpointHealth({ consecutiveFailures: 2, cooldownMs: 10_000 });
    health.record({ endpoint: E, outcome: 'failure', at: T0 });
    health.record({ endpoint: E, outcome: 'failure', at: T0 + 1 });
    assert.equal(health.availability(E, T0 + 10_001), 'probe');
    health.record({ endpoint: E, outcome: 'failure', at: T0 + 10_002 });
    assert.equal(health.stats(E, T0 + 10_003).breaker, 'open');
    assert.equal(health.availability(E, T0 + 19_000), 'unstable');
    assert.equal(health.availability(E, T0 + 20_003), 'probe');
  });

  it('opens on a failure ratio without a long failure streak', () => {
    const health = new MemoryEndpointHealth({ consecutiveFailures: 100, ratioMinAttempts: 10, failureRatio: 0.5 });
    for (let i = 0; i < 10; i += 1) health.record({ endpoint: E, outcome: i % 2 === 1 ? 'failure' : 'success', at: T0 + i * 100 });
    assert.equal(health.stats(E, T0 + 1000).breaker, 'open');
  });

  it('client errors (rejected) and rate limits never trip the breaker', () => {
    const health = new MemoryEndpointHealth({ consecutiveFailures: 2 });
    for (let i = 0; i < 5; i += 1) health.record({ endpoint: E, outcome: 'rejected', at: T0 + i });
    for (let i = 0; i < 5; i += 1) health.record({ endpoint: E, outcome: 'rate_limited', at: T0 + 10 + i });
    assert.equal(health.stats(E, T0 + 20).breaker, 'closed');
  });
});

describe('MemoryEndpointHealth stats', () => {
  it('uptime per window excludes rate limits; percentiles of TTFT and throughput', () => {
    const health = new MemoryEndpointHealth({ consecutiveFailures: 1000, ratioMinAttempts: 1000 });
    const old = T0 - 20 * 60_000; // 20 minutes ago: in the 30-minute and 1-day windows only
    health.record({ endpoint: E, outcome: 'failure', at: old });
    for (let i = 1; i <= 100; i += 1) {
      health.record({ endpoint: E, outcome: 'success', at: T0 - i * 10, ttftMs: i });
      health.recordThroughput({ endpoint: E, at: T0 - i * 10, tokensPerSecond: 1000 - i });
    }
    health.record({ endpoint: E, outcome: 'failure', at: T0 - 5 });
    health.record({ endpoint: E, outcome: 'rate_limited', at: T0 - 4 });
    const stats = health.stats(E, T0);
    assert.equal(stats.successes, 100);
    assert.equal(stats.failures, 2);
    assert.equal(stats.rateLimited, 1);
    assert.equal(stats.uptime5m, Math.round((100 / 101) * 10_000) / 100);
    assert.equal(stats.uptime30m, Math.round((100 / 102) * 10_000) / 100);
    assert.equal(stats.uptime1d, stats.uptime30m);
    assert.deepEqual(stats.latency30m, { p50: 51, p75: 76, p90: 91, p99: 100 });
    assert.equal(stats.throughput30m?.p50, 950);
    assert.equal(health.percentile({ endpoint: E, metric: 'ttft', percentile: 'p90', windowMs: 60_000, now: T0 }), 91);
    assert.equal(health.percentile({ endpoint: 'nope', metric: 'ttft', percentile: 'p50', windowMs: 60_000, now: T0 }), undefined);
    assert.equal(health.stats('nope', T0).uptime5m, null);
  });

  it('a percentile read within the cache second still counts a sample recorded after it', () => {
    const health = new MemoryEndpointHealth();
    const p50 = () => health.percentile({ endpoint: E, metric: 'ttft', percentile: 'p50', windowMs: 60_000, now: T0 });
    const throughputP50 = () => health.percentile({ endpoint: E, metric: 'throughput', percentile: 'p50', windowMs: 60_000, now: T0 });
    health.record({ endpoint: E, outcome: 'success', at: T0 - 10, ttftMs: 100 });
    health.recordThroughput({ endpoint: E, at: T0 - 10, tokensPerSecond: 100 });
    assert.equal(p50(), 100);
    assert.equal(throughputP50(), 100);
    health.record({ endpoint: E, outcome: 'success', at: T0 - 5, ttftMs: 10 });
    health.record({ endpoint: E, outcome: 'success', at: T0 - 4, ttftMs: 10 });
    health.recordThroughput({ endpoint: E, at: T0 - 5, tokensPerSecond: 900 });
    health.recordThroughput({ endpoint: E, at: T0 - 4, tokensPerSecond: 900 });
    assert.equal(p50(), 10);
    assert.equal(throughputP50(), 900);
  });

  it('keeps a bounded number of samples', () => {
    const health = new MemoryEndpointHealth({ samples: 8 });
    for (let i = 0; i < 100; i += 1) health.record({ endpoint: E, outcome: 'success', at: T0 + i, ttftMs: i });
    assert.deepEqual(health.stats(E, T0 + 100).latency30m, { p50: 96, p75: 98, p90: 99, p99: 99 });
  });
});
