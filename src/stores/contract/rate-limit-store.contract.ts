/**
 * The behaviour every RateLimitStore backend must show (in-process now, Redis later). Times
 * are passed in, so the cases are exact and need no sleeping.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RateLimitStore, WindowCharge } from '../rate-limit-store.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** A time at the very start of a minute bucket (and of a UTC day). */
const T0 = Date.UTC(2026, 0, 5);

const rpm = (limit: number, cost = 1): WindowCharge => ({ id: 'rpm:k', limit, cost, windowMs: MINUTE, mode: 'sliding' });

/** Registers the RateLimitStore contract tests; `open` returns a fresh, empty store. */
export function describeRateLimitStoreContract(name: string, open: () => Promise<RateLimitStore>): void {
  describe(`RateLimitStore contract: ${name}`, () => {
    it('admits up to the limit in a window, then refuses with the time room frees up', async () => {
      const store = await open();
      for (let i = 0; i < 3; i += 1) {
        const result = await store.admit({ windows: [rpm(3)], slots: [], now: T0 + i * 1000 });
        assert.equal(result.admitted, true);
      }
      const refused = await store.admit({ windows: [rpm(3)], slots: [], now: T0 + 5000 });
      assert.equal(refused.admitted, false);
      if (refused.admitted) return;
      assert.deepEqual(refused.blocked, { kind: 'window', index: 0 });
      assert.equal(refused.remaining, 0);
      // The current bucket is full: room appears once the next bucket has decayed it enough.
      assert.equal(refused.retryAt, T0 + MINUTE + Math.ceil(MINUTE * (1 - 2 / 3)));
      assert.equal((await store.admit({ windows: [rpm(3)], slots: [], now: refused.retryAt - 10 })).admitted, false);
      assert.equal((await store.admit({ windows: [rpm(3)], slots: [], now: refused.retryAt })).admitted, true);
    });

    it('sliding: the previous bucket counts in proportion to its overlap with the last window', async () => {
      const store = await open();
      for (let i = 0; i < 4; i += 1) await store.admit({ windows: [rpm(4)], slots: [], now: T0 + 50_000 });
      // 15 s into the next bucket: 4 × 0.75 = 3 still count, so one more fits and then none.
      assert.equal((await store.admit({ windows: [rpm(4)], slots: [], now: T0 + MINUTE + 15_000 })).admitted, true);
      const refused = await store.admit({ windows: [rpm(4)], slots: [], now: T0 + MINUTE + 15_000 });
      assert.equal(refused.admitted, false);
      if (!refused.admitted) assert.equal(refused.retryAt, T0 + MINUTE + 30_000);
      // Two buckets later nothing from the first one counts.
      const later = await store.admit({ windows: [rpm(4, 4)], slots: [], now: T0 + 2 * MINUTE + 1 });
      assert.equal(later.admitted, false, 'one of the second bucket still weighs ~1');
      assert.equal((await store.admit({ windows: [rpm(4, 4)], slots: [], now: T0 + 3 * MINUTE })).admitted, true);
    });

    it('fixed windows count only the current bucket and reset at its end (a UTC day)', async () => {
      const store = await open();
      const day: WindowCharge = { id: 'day:w', limit: 2, cost: 1, windowMs: DAY, mode: 'fixed' };
      await store.admit({ windows: [day], slots: [], now: T0 + 1000 });
      await store.admit({ windows: [day], slots: [], now: T0 + DAY - 2000 });
      const refused = await store.admit({ windows: [day], slots: [], now: T0 + DAY - 1000 });
      assert.equal(refused.admitted, false);
      if (!refused.admitted) assert.equal(refused.retryAt, T0 + DAY);
      assert.equal((await store.admit({ windows: [day], slots: [], now: T0 + DAY })).admitted, true);
    });

    it('is all-or-nothing: a refused request charges no window and takes no slot', async () => {
      const store = await open();
      const other: WindowCharge = { id: 'tpm:k', limit: 100, cost: 60, windowMs: MINUTE, mode: 'sliding' };
      const slot = { id: 'conc:k', limit: 1, leaseId: 'a', ttlMs: MINUTE };
      assert.equal((await store.admit({ windows: [other], slots: [slot], now: T0 })).admitted, true);
      // tpm would overflow → refused at window index 1; rpm must not be charged, no slot taken.
      const refused = await store.admit({ windows: [rpm(1), other], slots: [{ ...slot, id: 'conc:x', leaseId: 'b' }], now: T0 });
      assert.equal(refused.admitted, false);
      if (!refused.admitted) {
        assert.deepEqual(refused.blocked, { kind: 'window', index: 1 });
        assert.equal(refused.remaining, 40);
      }
      assert.equal((await store.admit({ windows: [rpm(1)], slots: [{ ...slot, id: 'conc:x', limit: 1, leaseId: 'c' }], now: T0 })).admitted, true);
    });

    it('a cost above the limit can never be admitted (retryAt = Infinity)', async () => {
      const store = await open();
      const refused = await store.admit({ windows: [rpm(10, 11)], slots: [], now: T0 });
      assert.equal(refused.admitted, false);
      if (!refused.admitted) assert.equal(refused.retryAt, Number.POSITIVE_INFINITY);
    });

    it('adjust corrects the bucket a charge went into, never below zero, and ignores stale buckets', async () => {
      const store = await open();
      const tpm: WindowCharge = { id: 'tpm:k', limit: 100, cost: 90, windowMs: MINUTE, mode: 'fixed' };
      const first = await store.admit({ windows: [tpm], slots: [], now: T0 });
      assert.ok(first.admitted);
      const charged = first.charged[0];
      assert.ok(charged);
      assert.equal(charged.bucketStart, T0);
      assert.equal((await store.admit({ windows: [{ ...tpm, cost: 20 }], slots: [], now: T0 + 1 })).admitted, false);
      await store.adjust(charged, -80); // the request used 10, not 90
      assert.equal((await store.admit({ windows: [{ ...tpm, cost: 20 }], slots: [], now: T0 + 2 })).admitted, true);
      await store.adjust(charged, -1000);
      assert.equal((await store.admit({ windows: [{ ...tpm, cost: 100 }], slots: [], now: T0 + 3 })).admitted, true);
      await store.adjust({ ...charged, bucketStart: T0 - 5 * MINUTE }, 1000);
      assert.equal((await store.admit({ windows: [{ ...tpm, cost: 1 }], slots: [], now: T0 + MINUTE })).admitted, true);
    });

    it('adjust reaches the previous bucket of a sliding window', async () => {
      const store = await open();
      const tpm: WindowCharge = { id: 'tpm:s', limit: 100, cost: 100, windowMs: MINUTE, mode: 'sliding' };
      const first = await store.admit({ windows: [tpm], slots: [], now: T0 });
      assert.ok(first.admitted);
      // Next bucket, 1 s in: ~98 of the previous 100 still count.
      assert.equal((await store.admit({ windows: [{ ...tpm, cost: 50 }], slots: [], now: T0 + MINUTE + 1000 })).admitted, false);
      await store.adjust(first.charged[0]!, -100);
      assert.equal((await store.admit({ windows: [{ ...tpm, cost: 50 }], slots: [], now: T0 + MINUTE + 1000 })).admitted, true);
    });

    it('slots: at most `limit` leases per id; release frees one; releasing twice is harmless', async () => {
      const store = await open();
      const claim = (leaseId: string) => ({ id: 'conc:k', limit: 2, leaseId, ttlMs: MINUTE });
      assert.equal((await store.admit({ windows: [], slots: [claim('a')], now: T0 })).admitted, true);
      assert.equal((await store.admit({ windows: [], slots: [claim('b')], now: T0 })).admitted, true);
      const refused = await store.admit({ windows: [], slots: [claim('c')], now: T0 });
      assert.equal(refused.admitted, false);
      if (!refused.admitted) {
        assert.deepEqual(refused.blocked, { kind: 'slot', index: 0 });
        assert.equal(refused.remaining, 0);
        assert.ok(refused.retryAt > T0);
      }
      await store.release([{ id: 'conc:k', leaseId: 'a' }]);
      await store.release([{ id: 'conc:k', leaseId: 'a' }]);
      await store.release([{ id: 'conc:none', leaseId: 'z' }]);
      assert.equal((await store.admit({ windows: [], slots: [claim('c')], now: T0 })).admitted, true);
      assert.equal((await store.admit({ windows: [], slots: [claim('d')], now: T0 })).admitted, false);
    });

    it('slots: a lease not released within its ttl stops counting', async () => {
      const store = await open();
      const claim = (leaseId: string) => ({ id: 'conc:t', limit: 1, leaseId, ttlMs: 10_000 });
      assert.equal((await store.admit({ windows: [], slots: [claim('a')], now: T0 })).admitted, true);
      assert.equal((await store.admit({ windows: [], slots: [claim('b')], now: T0 + 9_999 })).admitted, false);
      assert.equal((await store.admit({ windows: [], slots: [claim('b')], now: T0 + 10_000 })).admitted, true);
    });

    it('keeps ids independent', async () => {
      const store = await open();
      assert.equal((await store.admit({ windows: [rpm(1)], slots: [], now: T0 })).admitted, true);
      assert.equal((await store.admit({ windows: [{ ...rpm(1), id: 'rpm:other' }], slots: [], now: T0 })).admitted, true);
      assert.equal((await store.admit({ windows: [rpm(1)], slots: [], now: T0 })).admitted, false);
    });

    it('is atomic under concurrent callers: exactly `limit` of many parallel admits succeed', async () => {
      const store = await open();
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          store.admit({ windows: [rpm(7)], slots: [{ id: 'conc:p', limit: 100, leaseId: `l${i}`, ttlMs: MINUTE }], now: T0 }),
        ),
      );
      assert.equal(results.filter((result) => result.admitted).length, 7);
    });

    it('usage reads counts without charging: sliding estimate, fixed bucket, live leases', async () => {
      const store = await open();
      const day = { id: 'day:k', limit: 100, cost: 5, windowMs: DAY, mode: 'fixed' as const };
      const query = (now: number) => store.usage({ windows: [rpm(10), day, { ...rpm(10), id: 'rpm:unknown' }], slots: ['conc:u', 'conc:none'], now });
      assert.deepEqual(await query(T0), { windows: [0, 0, 0], slots: [0, 0] });
      for (let i = 0; i < 4; i += 1) await store.admit({ windows: [rpm(10), day], slots: [{ id: 'conc:u', limit: 5, leaseId: `u${i}`, ttlMs: 30_000 }], now: T0 + 50_000 });
      await store.release([{ id: 'conc:u', leaseId: 'u0' }]);
      assert.deepEqual(await query(T0 + 50_000), { windows: [4, 20, 0], slots: [3, 0] });
      assert.deepEqual(await query(T0 + 50_000), { windows: [4, 20, 0], slots: [3, 0] }, 'reading charges nothing');
      // 15 s into the next minute: 4 × 0.75 of the previous bucket; the day bucket holds; leases live until +30 s.
      assert.deepEqual(await query(T0 + MINUTE + 15_000), { windows: [3, 20, 0], slots: [3, 0] });
      assert.deepEqual(await query(T0 + 80_001), { windows: [4 * (1 - 20_001 / MINUTE), 20, 0], slots: [0, 0] });
      assert.deepEqual((await query(T0 + DAY)).windows.slice(1, 2), [0]);
      // A read never moves the counter: admission after it sees the same state.
      assert.equal((await store.admit({ windows: [rpm(7)], slots: [], now: T0 + 50_000 })).admitted, true);
    });

    it('refusals are counted per blocked id in 5-minute buckets over the last day', async () => {
      const store = await open();
      const FIVE = 5 * MINUTE;
      await store.admit({ windows: [rpm(1)], slots: [], now: T0 });
      for (let i = 0; i < 3; i += 1) await store.admit({ windows: [rpm(1)], slots: [], now: T0 + 1000 + i });
      await store.admit({ windows: [], slots: [{ id: 'conc:r', limit: 1, leaseId: 'a', ttlMs: DAY * 2 }], now: T0 });
      await store.admit({ windows: [], slots: [{ id: 'conc:r', limit: 1, leaseId: 'b', ttlMs: DAY * 2 }], now: T0 + FIVE + 1 });
      await store.admit({ windows: [rpm(1)], slots: [], now: T0 + 2 * FIVE });
      const sorted = (rows: Array<{ id: string; bucketStart: number; count: number }>) => [...rows].sort((a, b) => a.id.localeCompare(b.id) || a.bucketStart - b.bucketStart);
      // Eventually consistent backends count off the answer's path: give them a moment.
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.deepEqual(sorted(await store.refusals({ ids: ['rpm:k', 'conc:r', 'rpm:never'], now: T0 + 2 * FIVE })), [
        { id: 'conc:r', bucketStart: T0 + FIVE, count: 1 },
        { id: 'rpm:k', bucketStart: T0, count: 3 },
      ]);
      assert.deepEqual(await store.refusals({ ids: ['rpm:k'], now: T0 + DAY + 1 }), [], 'older than a day: gone');
    });
  });
}
