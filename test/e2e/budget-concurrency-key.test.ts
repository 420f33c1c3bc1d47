import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SLOW, startBudgetBurst, type BudgetBurst } from '../support/start-budget-burst.js';

/** No overspend under concurrency (see test/support/start-budget-burst.ts): a key limit. */
describe('no overspend under concurrency: a key limit', () => {
  let burst: BudgetBurst;
  before(async () => {
    burst = await startBudgetBurst();
  });
  after(() => burst.stack.close());

  it('a key with a tiny limit: settled spend ≤ limit, excess 402, nothing left held', SLOW, async () => {
    const { key, data } = await burst.stack.createKey({ name: 'tiny', limit: 0.002 });
    const counts = await burst.blast([key]);
    const spent = burst.picos(`key:${data.hash}`);
    assert.ok(spent <= 2_000_000_000n, `spent ${spent} pico > $0.002`);
    assert.ok(spent > 0n);
    assert.equal(burst.entries('key_hash', data.hash as string), spent, 'ledger entries and the account agree');
    const view = await burst.admin(`/keys/${data.hash}`);
    assert.equal(view.usage, Number(spent) / 1e12);
    assert.ok(counts.refused > counts.ok, JSON.stringify(counts));
  });
});
