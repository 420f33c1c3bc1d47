import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HEAP_GROWING_PERCENT, limitHeapGrowth } from './limit-heap-growth.js';

describe('limitHeapGrowth', () => {
  it('sets V8 heap growing percent when the process was started without one', () => {
    const set: string[] = [];
    assert.equal(limitHeapGrowth(['--enable-source-maps'], (flags) => set.push(flags)), true);
    assert.deepEqual(set, [`--heap-growing-percent=${HEAP_GROWING_PERCENT}`]);
  });

  it("leaves an operator's own setting alone, in either spelling", () => {
    const set: string[] = [];
    assert.equal(limitHeapGrowth(['--heap-growing-percent=80'], (flags) => set.push(flags)), false);
    assert.equal(limitHeapGrowth(['--heap_growing_percent=20'], (flags) => set.push(flags)), false);
    assert.deepEqual(set, []);
  });
});
