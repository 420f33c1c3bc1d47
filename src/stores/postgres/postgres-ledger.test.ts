import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { postgresStoresPerTest } from '../../../test/support/postgres-stores-per-test.js';
import { describeLedgerContract } from '../contract/ledger.contract.js';
import type { LedgerScope } from '../ledger.js';
import { openPostgresStores } from './open-postgres-stores.js';

const { skip, fresh, freshUrl } = postgresStoresPerTest();
const NOW = new Date('2026-11-25T12:00:00Z');
const cap = (scope: string, limitPico: bigint): LedgerScope => ({ scope, label: scope, cap: { limitPico, reset: null, includeByok: false } });
const settleOf = (generationId: string, scopes: string[], amount: bigint) =>
  ({ generationId, workspaceId: 'ws', keyHash: 'k', scopes, amount, byokAmount: 0n, now: NOW, activity: null });

describe('PostgreSQL ledger', { skip }, () => {
  describeLedgerContract('postgres', async () => {
    const stores = await fresh();
    return { ledger: stores.ledger, generations: stores.generations, close: () => stores.close() };
  });

  it('two store sets (two nodes) on one database: concurrent reservations never exceed a cap, spend is exact', async () => {
    const url = await freshUrl();
    const a = await openPostgresStores({ url, poolSize: 5 });
    const b = await openPostgresStores({ url, poolSize: 5 });
    try {
      // A key cap of 1000 and a member cap of 700 shared by both nodes; the workspace row is hot too.
      const scopes = [cap('key:k', 1000n), cap('member:m', 700n), { scope: 'workspace:ws', label: 'ws', cap: null }];
      const outcomes = await Promise.all(
        Array.from({ length: 160 }, (_, i) =>
          (i % 2 === 0 ? a : b).ledger.reserve({ generationId: `g${i}`, scopes, amount: 9n, minimum: 0n, now: NOW }).then((outcome) => ({ i, outcome })),
        ),
      );
      const granted = outcomes.filter(({ outcome }) => outcome.ok);
      assert.equal(granted.length, Math.floor(700 / 9), 'exactly what fits under the tightest cap');
      assert.ok(outcomes.every(({ outcome }) => outcome.ok || outcome.blocking.scope === 'member:m'));
      // Settle half on the other node, each twice (once per node): billed once.
      const settled = await Promise.all(
        granted.flatMap(({ i }) => [a.ledger.settle(settleOf(`g${i}`, scopes.map((s) => s.scope), 7n)), b.ledger.settle(settleOf(`g${i}`, scopes.map((s) => s.scope), 7n))]),
      );
      assert.equal(settled.filter(Boolean).length, granted.length, 'every generation billed exactly once');
      const snapshot = await b.ledger.snapshot(['key:k', 'member:m', 'workspace:ws'], NOW);
      for (const scope of ['key:k', 'member:m', 'workspace:ws']) {
        assert.equal(snapshot.get(scope)!.spend.total, BigInt(granted.length) * 7n, scope);
        assert.equal(snapshot.get(scope)!.held, 0n, scope);
      }
      assert.deepEqual(await a.ledger.holds(), []);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("a dead node's holds expire and are reclaimed by another node; its late settle still bills once", async () => {
    const url = await freshUrl();
    const dead = await openPostgresStores({ url, holdLeaseMs: 300 });
    const alive = await openPostgresStores({ url, holdLeaseMs: 300 });
    try {
      const scopes = [cap('key:k', 100n)];
      assert.equal((await dead.ledger.reserve({ generationId: 'lost', scopes, amount: 100n, minimum: 0n, now: NOW })).ok, true);
      assert.equal((await alive.ledger.reserve({ generationId: 'live', scopes: [cap('key:other', 100n)], amount: 50n, minimum: 0n, now: NOW })).ok, true);
      // The cap is full while the hold lives.
      assert.equal((await alive.ledger.reserve({ generationId: 'g2', scopes, amount: 1n, minimum: 0n, now: NOW })).ok, false);
      // "kill -9": the dead node's renewals stop (its pool stays open so nothing is released on close).
      dead.stopUpkeep();
      // A starting node frees only expired holds, never a live node's.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const starting = await openPostgresStores({ url });
      try {
        assert.equal((await starting.ledger.releaseAll()).count, 0);
      } finally {
        await starting.close();
      }
      const deadline = Date.now() + 10_000;
      while ((await alive.ledger.holds()).some((hold) => hold.generationId === 'lost')) {
        assert.ok(Date.now() < deadline, 'the expired hold was reclaimed');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.deepEqual((await alive.ledger.holds()).map((hold) => hold.generationId), ['live'], "the live node's hold is renewed, not reclaimed");
      assert.equal((await alive.ledger.snapshot(['key:k'], NOW)).get('key:k')!.held, 0n);
      assert.equal((await alive.ledger.reserve({ generationId: 'g3', scopes, amount: 40n, minimum: 0n, now: NOW })).ok, true);
      // The dead node's request did finish after all: settled once, even twice over.
      assert.equal(await dead.ledger.settle(settleOf('lost', ['key:k'], 30n)), true);
      assert.equal(await alive.ledger.settle(settleOf('lost', ['key:k'], 30n)), false);
      const account = (await alive.ledger.snapshot(['key:k'], NOW)).get('key:k')!;
      assert.equal(account.spend.total, 30n);
      assert.equal(account.held, 40n);
    } finally {
      await dead.close();
      await alive.close();
    }
  });

  it("a durable hold (native batch) outlives its node: never renewed, reclaimed or released by one, settled by another", async () => {
    const url = await freshUrl();
    const dead = await openPostgresStores({ url, holdLeaseMs: 200 });
    const alive = await openPostgresStores({ url, holdLeaseMs: 200 });
    try {
      const scopes = [cap('key:k', 100n)];
      const until = new Date(Date.now() + 3_600_000);
      assert.equal((await dead.ledger.reserve({ generationId: 'batched', scopes, amount: 60n, minimum: 0n, now: NOW, durableUntil: until })).ok, true);
      dead.stopUpkeep();
      // Well past the node lease: every node's upkeep ran, and the dead node "closes" (releases its own holds).
      await new Promise((resolve) => setTimeout(resolve, 700));
      await alive.ledger.reclaimExpired();
      await dead.close();
      assert.deepEqual((await alive.ledger.holds()).map((hold) => hold.generationId), ['batched']);
      assert.equal((await alive.ledger.reserve({ generationId: 'g2', scopes, amount: 41n, minimum: 0n, now: NOW })).ok, false, 'the hold still counts');
      assert.equal(await alive.ledger.settle(settleOf('batched', ['key:k'], 25n)), true);
      const account = (await alive.ledger.snapshot(['key:k'], NOW)).get('key:k')!;
      assert.equal(account.held, 0n);
      assert.equal(account.spend.total, 25n);
    } finally {
      await dead.close();
      await alive.close();
    }
  });
});
