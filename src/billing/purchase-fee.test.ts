import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseUsd } from '../core/money.js';
import { purchaseFee } from './purchase-fee.js';

describe('purchaseFee', () => {
  it('is zero when off (the self-hosting default)', () => {
    assert.equal(purchaseFee(parseUsd('100'), 'none'), 0n);
  });
  it("OpenRouter's 5.5% with a $0.80 minimum", () => {
    assert.equal(purchaseFee(parseUsd('100'), 'openrouter'), parseUsd('5.5'));
    assert.equal(purchaseFee(parseUsd('10'), 'openrouter'), parseUsd('0.8'));
    assert.equal(purchaseFee(parseUsd('14.55'), 'openrouter'), parseUsd('0.80025'));
  });
  it('a custom percent and minimum', () => {
    assert.equal(purchaseFee(parseUsd('3'), { percent: 2.25, minimum_usd: 0 }), parseUsd('0.0675'));
    assert.equal(purchaseFee(parseUsd('3'), { percent: 0, minimum_usd: 1 }), parseUsd('1'));
  });
});
