import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SLOW, startBudgetBurst, type BudgetBurst } from '../support/start-budget-burst.js';

/** No overspend under concurrency (see test/support/start-budget-burst.ts): a workspace balance. */
describe('no overspend under concurrency: a workspace balance', () => {
  let burst: BudgetBurst;
  before(async () => {
    burst = await startBudgetBurst();
  });
  after(() => burst.stack.close());

  it('a workspace balance: usage never passes the credits', SLOW, async () => {
    await burst.admin('/workspaces', { id: 'prepaid', name: 'Prepaid' });
    await burst.admin('/credits', { amount: 0.002, workspace_id: 'prepaid' });
    const keys = await Promise.all([1, 2].map((n) => burst.stack.createKey({ name: `prepaid ${n}`, workspace_id: 'prepaid' })));
    await burst.blast(keys.map((k) => k.key));
    const credits = await burst.admin('/credits?workspace_id=prepaid');
    assert.ok(credits.total_usage > 0 && credits.total_usage <= credits.total_credits, JSON.stringify(credits));
    assert.equal(burst.entries('workspace_id', 'prepaid'), burst.picos('workspace:prepaid'));
  });
});
