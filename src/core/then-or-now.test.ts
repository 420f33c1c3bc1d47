import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { thenOrNow } from './then-or-now.js';

describe('thenOrNow', () => {
  it('answers a plain value at once, without a promise', () => {
    const result = thenOrNow(2, (value) => value * 3);
    assert.equal(result, 6);
  });

  it('answers a promise after it resolves, and passes its rejection on', async () => {
    const result = thenOrNow(Promise.resolve(2), (value) => value * 3);
    assert.ok(result instanceof Promise);
    assert.equal(await result, 6);
    await assert.rejects(thenOrNow(Promise.reject(new Error('no')), () => 1) as Promise<number>, /no/);
  });
});
