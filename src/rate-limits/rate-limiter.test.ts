import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../config/load-config.js';
import type { ChatRequest } from '../core/canonical/chat-request.js';
import { GatewayError } from '../core/errors/gateway-error.js';
import { makeKeyRecord } from '../stores/contract/key-store.contract.js';
import { MemoryKeyRateLimitStore } from '../stores/memory/memory-key-rate-limit-store.js';
import { MemoryRateLimitStore } from '../stores/memory/memory-rate-limit-store.js';
import type { CreditsHistory } from './credits-history.js';
import { KeyRateLimitRegistry } from './key-rate-limit-registry.js';
import { RateLimiter } from './rate-limiter.js';

const T0 = Date.UTC(2026, 2, 2, 12, 0, 0);
const tokens = (prompt: number, completion: number) => ({ promptTokens: prompt, completionTokens: completion, cachedReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 });

async function setup(options: { rateLimits?: Record<string, unknown>; credits?: CreditsHistory } = {}) {
  const clock = { now: T0 };
  const overrides = await KeyRateLimitRegistry.load(new MemoryKeyRateLimitStore());
  const limiter = new RateLimiter({
    store: new MemoryRateLimitStore(),
    overrides,
    config: loadConfig({ argv: [], env: {}, inline: { rate_limits: options.rateLimits ?? {} } }).rate_limits,
    credits: options.credits ?? { totalCreditsAddedPico: () => 0n },
    leaseTtlMs: 60_000,
    now: () => clock.now,
  });
  return { clock, overrides, limiter };
}

const request = (model = 'a/b', extra: Partial<ChatRequest> = {}): ChatRequest => ({ model, messages: [{ role: 'user', content: 'hello' }], ...extra });
const refusal = async (promise: unknown): Promise<GatewayError> => {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof GatewayError);
    assert.equal(error.code, 'rate_limited');
    return error;
  }
  assert.fail('expected a 429');
};

describe('RateLimiter', () => {
  it('admits a request with nothing to check at once, without a promise; a limited key goes to the store', async () => {
    const { limiter, overrides } = await setup();
    const key = makeKeyRecord();
    const free = limiter.admit({ key, request: request() });
    assert.ok(!(free instanceof Promise), 'no limits, not a :free model: answered synchronously');
    await overrides.update(key.hash, { requestsPerMinute: 1 });
    const limited = limiter.admit({ key, request: request() });
    assert.ok(limited instanceof Promise, 'a limit is checked against the store');
    await limited;
    await refusal(limiter.admit({ key, request: request() }));
  });

  it('applies config defaults; a key override wins; 0 lifts the default', async () => {
    const { limiter, overrides } = await setup({ rateLimits: { requests_per_minute: 1 } });
    const key = makeKeyRecord();
    await limiter.admit({ key, request: request() });
    await refusal(limiter.admit({ key, request: request() }));
    await overrides.update(key.hash, { requestsPerMinute: 0 });
    for (let i = 0; i < 5; i += 1) await limiter.admit({ key, request: request() });
    await overrides.update(key.hash, { requestsPerMinute: null });
    assert.equal(overrides.get(key.hash), undefined, 'all-null overrides are removed');
  });

  it('the minute window slides with the clock and Retry-After says when', async () => {
    const { limiter, overrides, clock } = await setup();
    const key = makeKeyRecord();
    await overrides.update(key.hash, { requestsPerMinute: 2 });
    await limiter.admit({ key, request: request() });
    await limiter.admit({ key, request: request() });
    const error = await refusal(limiter.admit({ key, request: request() }));
    // The full bucket becomes the previous one and decays: half of it is gone 30 s later.
    assert.equal(error.retryAfterSeconds, 90);
    clock.now = T0 + 60_000;
    await refusal(limiter.admit({ key, request: request() }));
    clock.now = T0 + 90_000;
    await limiter.admit({ key, request: request() });
  });

  it('free variants: 20/min, then 50/day, or 1000/day once $10 of credits were added', async () => {
    const { limiter, clock } = await setup();
    const key = makeKeyRecord({ workspaceId: 'poor' });
    for (let i = 0; i < 20; i += 1) await limiter.admit({ key, request: request('x/y:free') });
    const perMinute = await refusal(limiter.admit({ key, request: request('x/y:free') }));
    assert.equal(perMinute.message, 'Rate limit exceeded: free-models-per-min.');
    await limiter.admit({ key, request: request('x/y') });
    for (let minute = 2; minute <= 4; minute += 1) {
      clock.now = T0 + minute * 120_000;
      for (let i = 0; i < 10; i += 1) await limiter.admit({ key, request: request('p/q', { models: ['x/y:free'] }) });
    }
    clock.now = T0 + 20 * 60_000;
    const perDay = await refusal(limiter.admit({ key, request: request('x/y:free') }));
    assert.match(perDay.message, /free-models-per-day\. Add 10 credits to unlock 1000/);
    assert.equal((perDay.metadata?.headers as Record<string, string>)['X-RateLimit-Limit'], '50');
    clock.now = Date.UTC(2026, 2, 3);
    await limiter.admit({ key, request: request('x/y:free') });

    const rich = await setup({ credits: { totalCreditsAddedPico: (workspace) => (workspace === 'rich' ? 10_000_000_000_000n : 0n) } });
    const richKey = makeKeyRecord({ workspaceId: 'rich' });
    for (let i = 0; i < 60; i += 1) {
      rich.clock.now = T0 + i * 10_000;
      await rich.limiter.admit({ key: richKey, request: request('x/y:free') });
    }
  });

  it('tokens/min: reserves prompt + max_tokens, settle corrects once, slot release is idempotent', async () => {
    const { limiter, overrides } = await setup();
    const key = makeKeyRecord();
    await overrides.update(key.hash, { tokensPerMinute: 100, concurrentRequests: 1 });
    const first = await limiter.admit({ key, request: request('a/b', { max_tokens: 80 }) });
    const busy = await refusal(limiter.admit({ key, request: request('a/b', { max_tokens: 1 }) }));
    assert.match(busy.message, /concurrent-requests/);
    first.settle(tokens(10, 5));
    first.settle(tokens(10, 5));
    first.releaseSlot();
    // 15 used: a 77-token request fits; without the correction (87 charged) it would not.
    const second = await limiter.admit({ key, request: request('a/b', { max_tokens: 70 }) });
    second.releaseSlot();
    second.settle(tokens(0, 0));
    const third = await limiter.admit({ key, request: request('a/b', { max_tokens: 70 }) });
    third.settle(tokens(5, 70));
    const full = await refusal(limiter.admit({ key, request: request('a/b', { max_tokens: 80 }) }));
    assert.match(full.message, /tokens-per-minute/);
  });
});
