import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LocalFallbackRateLimitStore } from './local-fallback-rate-limit-store.js';
import { MemoryRateLimitStore } from './memory/memory-rate-limit-store.js';
import type { RateLimitStore } from './rate-limit-store.js';

/** A shared store that can be switched off, standing in for a lost Redis. */
function switchable(): RateLimitStore & { down: boolean; released: string[] } {
  const inner = new MemoryRateLimitStore();
  const fail = () => Promise.reject(new Error('Connection is closed.'));
  const store = {
    down: false,
    released: [] as string[],
    admit: (request: Parameters<RateLimitStore['admit']>[0]) => (store.down ? fail() : inner.admit(request)),
    adjust: (window: Parameters<RateLimitStore['adjust']>[0], delta: number) => (store.down ? fail() : inner.adjust(window, delta)),
    release: (slots: Array<{ id: string; leaseId: string }>) => {
      if (store.down) return fail();
      store.released.push(...slots.map((slot) => slot.leaseId));
      return inner.release(slots);
    },
    usage: (query: Parameters<RateLimitStore['usage']>[0]) => (store.down ? fail() : inner.usage(query)),
    refusals: (query: Parameters<RateLimitStore['refusals']>[0]) => (store.down ? fail() : inner.refusals(query)),
  };
  return store;
}

const rpm = { id: 'rpm:k', limit: 2, cost: 1, windowMs: 60_000, mode: 'sliding' as const };

describe('LocalFallbackRateLimitStore', () => {
  it('uses the local store while the shared one fails, tells once each way, and goes back', async () => {
    const shared = switchable();
    const events: string[] = [];
    const store = new LocalFallbackRateLimitStore({ shared, local: new MemoryRateLimitStore(), onDegraded: () => events.push('degraded'), onRestored: () => events.push('restored') });
    assert.equal((await store.admit({ windows: [rpm], slots: [], now: 0 })).admitted, true);
    shared.down = true;
    // The local store limits on its own: two more, then a refusal (not fail-open, not fail-closed).
    assert.equal((await store.admit({ windows: [rpm], slots: [], now: 1 })).admitted, true);
    assert.equal((await store.admit({ windows: [rpm], slots: [], now: 2 })).admitted, true);
    assert.equal((await store.admit({ windows: [rpm], slots: [], now: 3 })).admitted, false);
    assert.equal(store.degraded, true);
    shared.down = false;
    // Back on the shared counter, which holds one charge.
    assert.equal((await store.admit({ windows: [rpm], slots: [], now: 4 })).admitted, true);
    assert.equal((await store.admit({ windows: [rpm], slots: [], now: 5 })).admitted, false);
    assert.deepEqual(events, ['degraded', 'restored']);
  });

  it('releases a lease in the store that took it, and retries shared releases that failed', async () => {
    const shared = switchable();
    const store = new LocalFallbackRateLimitStore({ shared, local: new MemoryRateLimitStore(), onDegraded() {}, onRestored() {} });
    const slot = (leaseId: string) => ({ id: 'conc:k', limit: 1, leaseId, ttlMs: 60_000 });
    assert.equal((await store.admit({ windows: [], slots: [slot('a')], now: 0 })).admitted, true);
    shared.down = true;
    await store.release([{ id: 'conc:k', leaseId: 'a' }]); // lost with the connection
    assert.equal((await store.admit({ windows: [], slots: [slot('b')], now: 1 })).admitted, true, 'local slot');
    await store.release([{ id: 'conc:k', leaseId: 'b' }]);
    assert.equal((await store.admit({ windows: [], slots: [slot('c')], now: 2 })).admitted, true, 'local slot freed');
    shared.down = false;
    await store.release([{ id: 'conc:k', leaseId: 'c' }]);
    // The shared set still holds 'a' until the retried release runs after the next shared admission.
    assert.equal((await store.admit({ windows: [], slots: [slot('d')], now: 3 })).admitted, false);
    await new Promise((resolve) => setImmediate(resolve));
    assert.ok(shared.released.includes('a'));
    assert.equal((await store.admit({ windows: [], slots: [slot('e')], now: 4 })).admitted, true);
  });
});
