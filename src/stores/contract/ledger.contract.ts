/**
 * The behaviour every Ledger backend must show. Each backend's test file calls
 * describeLedgerContract with a factory; every case gets a fresh, empty ledger.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GenerationStore } from '../generation-store.js';
import type { Ledger, LedgerScope, SettleRequest } from '../ledger.js';
import { makeGenerationRecord } from './generation-store.contract.js';
import { openFreshPerTest } from './open-fresh-per-test.js';

export interface OpenedLedger {
  ledger: Ledger;
  /** The generation store of the same backend: a settlement's record lands there. */
  generations: Pick<GenerationStore, 'findById'>;
  close(): Promise<void>;
}

const NOW = new Date('2026-11-25T12:00:00Z'); // a Wednesday
const cap = (scope: string, limitPico: bigint, reset: 'daily' | 'weekly' | 'monthly' | null = null, includeByok = false): LedgerScope => ({
  scope,
  label: scope,
  cap: { limitPico, reset, includeByok },
});
const track = (scope: string): LedgerScope => ({ scope, label: scope, cap: null });
const balance = (workspace: string): LedgerScope => ({ scope: `workspace:${workspace}`, label: 'Workspace balance', cap: 'balance' });

function settleOf(generationId: string, scopes: string[], amount: bigint, overrides: Partial<SettleRequest> = {}): SettleRequest {
  return { generationId, workspaceId: 'ws', keyHash: 'k1', scopes, amount, byokAmount: 0n, now: NOW, activity: null, ...overrides };
}

/** Registers the Ledger contract tests under `describe(name)`. */
export function describeLedgerContract(name: string, open: () => Promise<OpenedLedger>): void {
  describe(`Ledger contract: ${name}`, () => {
    const fresh = openFreshPerTest(open, (opened) => opened.ledger);
    const freshWithGenerations = openFreshPerTest(open, (opened) => opened);
    const held = async (ledger: Ledger, scope: string, now = NOW) => (await ledger.snapshot([scope], now)).get(scope)!.held;
    const spent = async (ledger: Ledger, scope: string, now = NOW) => (await ledger.snapshot([scope], now)).get(scope)!.spend;

    it('reserves within a cap, holds it on every scope, refuses what does not fit', async () => {
      const ledger = await fresh();
      const scopes = [cap('key:a', 100n), track('member:m')];
      assert.deepEqual(await ledger.reserve({ generationId: 'g1', scopes, amount: 60n, minimum: 0n, now: NOW }), { ok: true, reserved: 60n });
      assert.equal(await held(ledger, 'key:a'), 60n);
      assert.equal(await held(ledger, 'member:m'), 60n);
      const refused = await ledger.reserve({ generationId: 'g2', scopes, amount: 50n, minimum: 0n, now: NOW });
      assert.equal(refused.ok, false);
      assert.ok(!refused.ok && refused.blocking.scope === 'key:a' && refused.available === 40n);
      assert.equal(await held(ledger, 'member:m'), 60n, 'a refused reservation holds nothing');
      await assert.rejects(ledger.reserve({ generationId: 'g1', scopes, amount: 1n, minimum: 0n, now: NOW }), /already/);
      // Billing retries a refused id with a smaller, exact amount (the byte bound first, then the tokenizer).
      assert.deepEqual(await ledger.reserve({ generationId: 'g2', scopes, amount: 40n, minimum: 0n, now: NOW }), { ok: true, reserved: 40n });
      assert.equal(await held(ledger, 'key:a'), 100n);
    });

    it('lowers a reservation to the tightest headroom when a minimum is given', async () => {
      const ledger = await fresh();
      const scopes = [cap('key:a', 100n), cap('member:m', 70n)];
      assert.deepEqual(await ledger.reserve({ generationId: 'g1', scopes, amount: 500n, minimum: 10n, now: NOW }), { ok: true, reserved: 70n });
      const refused = await ledger.reserve({ generationId: 'g2', scopes, amount: 500n, minimum: 10n, now: NOW });
      assert.ok(!refused.ok && refused.blocking.scope === 'member:m' && refused.available === 0n);
    });

    it('settle books the actual cost, frees the hold, and is idempotent by generation id', async () => {
      const ledger = await fresh();
      const scopes = [cap('key:a', 100n), track('member:m')];
      await ledger.reserve({ generationId: 'g1', scopes, amount: 60n, minimum: 0n, now: NOW });
      assert.equal(await ledger.settle(settleOf('g1', ['key:a', 'member:m'], 25n)), true);
      assert.equal(await ledger.settle(settleOf('g1', ['key:a', 'member:m'], 25n)), false);
      assert.equal(await held(ledger, 'key:a'), 0n);
      assert.deepEqual(await spent(ledger, 'key:a'), { total: 25n, daily: 25n, weekly: 25n, monthly: 25n });
      assert.equal((await spent(ledger, 'member:m')).total, 25n);
      assert.deepEqual(await ledger.holds(), []);
      // A settle without a reservation (nothing was capped) still books.
      assert.equal(await ledger.settle(settleOf('g2', ['key:a'], 5n)), true);
      assert.equal((await spent(ledger, 'key:a')).total, 30n);
    });

    it('release frees without charging; releaseAll frees every hold left', async () => {
      const ledger = await fresh();
      await ledger.reserve({ generationId: 'g1', scopes: [cap('key:a', 100n)], amount: 10n, minimum: 0n, now: NOW });
      await ledger.release('g1');
      await ledger.release('g1');
      assert.equal(await held(ledger, 'key:a'), 0n);
      await ledger.reserve({ generationId: 'g2', scopes: [cap('key:a', 100n)], amount: 10n, minimum: 0n, now: NOW });
      await ledger.reserve({ generationId: 'g3', scopes: [cap('key:a', 100n), track('member:m')], amount: 15n, minimum: 0n, now: NOW });
      assert.equal((await ledger.holds()).length, 2);
      assert.deepEqual(await ledger.releaseAll(), { count: 2, amount: 25n });
      assert.equal(await held(ledger, 'key:a'), 0n);
      assert.equal(await held(ledger, 'member:m'), 0n);
      assert.equal((await spent(ledger, 'key:a')).total, 0n);
    });

    it('a durable hold survives releaseAll until its time, and settles like any other', async () => {
      const ledger = await fresh();
      const scopes = [cap('key:a', 100n)];
      const later = new Date(Date.now() + 3_600_000);
      await ledger.reserve({ generationId: 'g1', scopes, amount: 40n, minimum: 0n, now: NOW, durableUntil: later });
      await ledger.reserve({ generationId: 'g2', scopes, amount: 10n, minimum: 0n, now: NOW });
      await ledger.reserve({ generationId: 'g3', scopes, amount: 5n, minimum: 0n, now: NOW, durableUntil: new Date(Date.now() - 1) });
      assert.deepEqual(await ledger.releaseAll(), { count: 2, amount: 15n }, 'the ordinary hold and the lapsed durable one go');
      assert.equal(await held(ledger, 'key:a'), 40n, 'the durable hold still counts against the cap');
      assert.deepEqual((await ledger.holds()).map((hold) => hold.generationId), ['g1']);
      assert.equal(await ledger.settle(settleOf('g1', ['key:a'], 20n)), true);
      assert.equal(await held(ledger, 'key:a'), 0n);
      assert.equal((await spent(ledger, 'key:a')).total, 20n);
    });

    it('the balance is not enforced before credits are added, then is', async () => {
      const ledger = await fresh();
      const scopes = [balance('ws')];
      assert.equal((await ledger.reserve({ generationId: 'g1', scopes, amount: 10n ** 15n, minimum: 0n, now: NOW })).ok, true);
      await ledger.settle(settleOf('g1', ['workspace:ws'], 3n));
      const after = await ledger.addCredits({ id: 'c1', workspaceId: 'ws', amount: 100n, fee: 6n, note: 'first', createdAt: NOW.toISOString() });
      // The 3 spent before credits existed is covered by an opening grant, not taken from the new credits.
      assert.equal(after.credits, 103n);
      assert.equal(after.creditsEnabled, true);
      assert.deepEqual(await ledger.reserve({ generationId: 'g2', scopes, amount: 100n, minimum: 0n, now: NOW }), { ok: true, reserved: 100n });
      const refused = await ledger.reserve({ generationId: 'g3', scopes, amount: 1n, minimum: 0n, now: NOW });
      assert.ok(!refused.ok && refused.available === 0n);
      await ledger.addCredits({ id: 'c2', workspaceId: 'ws', amount: 50n, fee: 0n, note: null, createdAt: new Date(NOW.getTime() + 1).toISOString() });
      assert.deepEqual((await ledger.listCredits('ws')).map((grant) => [grant.id, grant.amount, grant.fee]), [['c2', 50n, 0n], ['c1', 100n, 6n], ['c1-opening', 3n, 0n]]);
      assert.deepEqual(await ledger.listCredits('other'), []);
    });

    it('windows reset at UTC midnight, Monday 00:00 and the first of the month', async () => {
      const ledger = await fresh();
      const sunday = new Date('2026-11-29T23:59:59Z');
      await ledger.settle(settleOf('g1', ['key:a'], 10n, { now: sunday }));
      assert.deepEqual(await spent(ledger, 'key:a', sunday), { total: 10n, daily: 10n, weekly: 10n, monthly: 10n });
      const monday = new Date('2026-11-30T00:00:00Z');
      assert.deepEqual(await spent(ledger, 'key:a', monday), { total: 10n, daily: 0n, weekly: 0n, monthly: 10n });
      await ledger.settle(settleOf('g2', ['key:a'], 5n, { now: monday }));
      const tuesday = new Date('2026-12-01T00:00:00Z');
      assert.deepEqual(await spent(ledger, 'key:a', tuesday), { total: 15n, daily: 0n, weekly: 5n, monthly: 0n });
      // A daily cap opens again at midnight.
      const daily = [cap('key:b', 10n, 'daily')];
      await ledger.settle(settleOf('g3', ['key:b'], 10n, { now: sunday }));
      assert.equal((await ledger.reserve({ generationId: 'g4', scopes: daily, amount: 1n, minimum: 0n, now: sunday })).ok, false);
      assert.equal((await ledger.reserve({ generationId: 'g5', scopes: daily, amount: 1n, minimum: 0n, now: monday })).ok, true);
    });

    it('BYOK spend counts only toward caps that include it', async () => {
      const ledger = await fresh();
      await ledger.settle(settleOf('g1', ['key:a', 'key:b'], 1n, { byokAmount: 90n }));
      assert.equal((await ledger.reserve({ generationId: 'g2', scopes: [cap('key:a', 100n, null, false)], amount: 50n, minimum: 0n, now: NOW })).ok, true);
      const refused = await ledger.reserve({ generationId: 'g3', scopes: [cap('key:b', 100n, null, true)], amount: 50n, minimum: 0n, now: NOW });
      assert.ok(!refused.ok && refused.available === 9n);
      assert.equal((await ledger.snapshot(['key:b'], NOW)).get('key:b')!.byok.total, 90n);
    });

    it('keeps daily activity rows incrementally, filtered by workspace and key, counting cancelled and errored generations and cache hits and savings', async () => {
      const ledger = await fresh();
      const activity = { model: 'm/x', providerName: 'P', promptTokens: 10, completionTokens: 5, reasoningTokens: 1, outcome: 'completed' as const };
      await ledger.settle(settleOf('g1', [], 7n, { activity }));
      await ledger.settle(settleOf('g2', [], 3n, { activity: { ...activity, outcome: 'cancelled' } }));
      await ledger.settle(settleOf('g2', [], 3n, { activity: { ...activity, outcome: 'cancelled' } }));
      await ledger.settle(settleOf('g4', [], 2n, { activity: { ...activity, outcome: 'error' } }));
      await ledger.settle(settleOf('g3', [], 1n, { activity, keyHash: 'k2', now: new Date('2026-11-24T01:00:00Z') }));
      await ledger.settle(settleOf('g5', [], 0n, { activity: { ...activity, promptTokens: 0, completionTokens: 0, reasoningTokens: 0, responseCacheHit: true, cacheSavings: 40n } }));
      await ledger.settle(settleOf('g6', [], 4n, { activity: { ...activity, cachedTokens: 8, cacheSavings: 6n } }));
      const rows = await ledger.activity({ from: '2026-11-01', to: '2026-11-30' });
      assert.deepEqual(
        rows.map((row) => [row.date, row.keyHash, row.usage, row.requests, row.promptTokens, row.completionTokens, row.reasoningTokens, row.cancelledRequests, row.errorRequests]),
        [['2026-11-25', 'k1', 16n, 5, 40, 20, 4, 1, 1], ['2026-11-24', 'k2', 1n, 1, 10, 5, 1, 0, 0]],
      );
      assert.deepEqual(
        rows.map((row) => [row.cacheHits, row.cachedTokens, row.cacheSavings]),
        [[1, 8, 46n], [0, 0, 0n]],
        'response-cache hits, prompt-cache tokens and what both saved',
      );
      assert.equal((await ledger.activity({ from: '2026-11-01', to: '2026-11-30', keyHash: 'k2' })).length, 1);
      assert.equal((await ledger.activity({ from: '2026-11-25', to: '2026-11-30', workspaceId: 'other' })).length, 0);
    });

    it('settlements issued together are each booked exactly once, holds freed, windows kept apart', async () => {
      const ledger = await fresh();
      const scopes = [cap('key:a', 1000n), track('member:m')];
      for (const id of ['g1', 'g2', 'g3']) await ledger.reserve({ generationId: id, scopes, amount: 100n, minimum: 0n, now: NOW });
      const nextDay = new Date('2026-11-26T00:00:01Z');
      const results = await Promise.all([
        ledger.settle(settleOf('g1', ['key:a', 'member:m'], 10n)),
        ledger.settle(settleOf('g1', ['key:a', 'member:m'], 10n)),
        ledger.settle(settleOf('g2', ['key:a', 'member:m'], 20n, { byokAmount: 7n })),
        ledger.settle(settleOf('g3', ['key:a', 'member:m'], 40n, { now: nextDay })),
      ]);
      assert.deepEqual(results, [true, false, true, true]);
      assert.equal(await held(ledger, 'key:a', nextDay), 0n);
      assert.equal(await held(ledger, 'member:m', nextDay), 0n);
      assert.deepEqual(await spent(ledger, 'key:a', nextDay), { total: 70n, daily: 40n, weekly: 70n, monthly: 70n });
      assert.equal((await ledger.snapshot(['member:m'], nextDay)).get('member:m')!.byok.total, 7n);
      assert.deepEqual(await ledger.holds(), []);
    });

    it('stores a settlement\'s generation record with it, durable when settle resolves; a repeat changes neither', async () => {
      const { ledger, generations } = await freshWithGenerations();
      const scopes = [cap('key:a', 1000n)];
      await ledger.reserve({ generationId: 'gen-r1', scopes, amount: 100n, minimum: 0n, now: NOW });
      const record = makeGenerationRecord({ id: 'gen-r1', workspaceId: 'ws', costPico: 42n, upstreamCostPico: null });
      // Several settlements in one group, each with its record.
      const results = await Promise.all([
        ledger.settle(settleOf('gen-r1', ['key:a'], 42n, { record })),
        ledger.settle(settleOf('gen-r2', ['key:a'], 8n, { record: { ...record, id: 'gen-r2', costPico: 8n } })),
        ledger.settle(settleOf('gen-r3', ['key:a'], 0n)),
      ]);
      assert.deepEqual(results, [true, true, true]);
      assert.deepEqual(await generations.findById('gen-r1', 'ws'), record);
      assert.equal((await generations.findById('gen-r2', 'ws'))?.costPico, 8n);
      assert.equal(await generations.findById('gen-r3', 'ws'), undefined, 'no record given, none stored');
      assert.equal(await held(ledger, 'key:a'), 0n);
      assert.equal((await spent(ledger, 'key:a')).total, 50n);
      // A repeat (retry) neither bills again nor replaces the record.
      assert.equal(await ledger.settle(settleOf('gen-r1', ['key:a'], 42n, { record: { ...record, costPico: 999n } })), false);
      assert.equal((await generations.findById('gen-r1', 'ws'))?.costPico, 42n);
      assert.equal((await spent(ledger, 'key:a')).total, 50n);
    });

    it('concurrent reservations never exceed the cap together', async () => {
      const ledger = await fresh();
      const scopes = [cap('key:a', 1000n), cap('member:m', 700n)];
      const outcomes = await Promise.all(
        Array.from({ length: 200 }, (_, i) => ledger.reserve({ generationId: `g${i}`, scopes, amount: 9n, minimum: 0n, now: NOW })),
      );
      const granted = outcomes.filter((outcome) => outcome.ok).length;
      assert.equal(granted, Math.floor(700 / 9));
      assert.equal(await held(ledger, 'member:m'), BigInt(granted) * 9n);
    });
  });
}
