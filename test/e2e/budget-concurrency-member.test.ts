import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SLOW, startBudgetBurst, type BudgetBurst } from '../support/start-budget-burst.js';

/** No overspend under concurrency (see test/support/start-budget-burst.ts): a member budget. */
describe('no overspend under concurrency: a member budget', () => {
  let burst: BudgetBurst;
  before(async () => {
    burst = await startBudgetBurst();
  });
  after(() => burst.stack.close());

  it('a member budget shared by three keys holds across all of them', SLOW, async () => {
    await burst.admin('/workspaces/default/members', { id: 'user_shared', name: 'Shared', limit: 0.002 });
    const keys = await Promise.all([1, 2, 3].map((n) => burst.stack.createKey({ name: `shared ${n}`, creator_user_id: 'user_shared' })));
    await burst.blast(keys.map((k) => k.key));
    const spent = burst.picos('member:user_shared');
    assert.ok(spent > 0n && spent <= 2_000_000_000n, `member spent ${spent}`);
    const perKey = keys.map((k) => burst.picos(`key:${k.data.hash}`));
    assert.equal(perKey.reduce((a, b) => a + b, 0n), spent, 'the member account is the sum of its keys');
    assert.ok(perKey.filter((amount) => amount > 0n).length >= 2, 'several keys spent from the same budget');
  });
});
