import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { groupNativeUploads } from './group-native-uploads.js';

const item = (id: string, model: string, bytes = 10) => ({ id, model, body: 'x'.repeat(bytes) });
const ids = (groups: Array<Array<{ id: string }>>) => groups.map((group) => group.map((entry) => entry.id));

describe('groupNativeUploads', () => {
  it('one upstream batch per model, input order kept within each', () => {
    const groups = groupNativeUploads([item('a1', 'a'), item('b1', 'b'), item('a2', 'a'), item('b2', 'b')], { maxItems: 100, maxBytes: 1_000_000 });
    assert.deepEqual(ids(groups), [['a1', 'a2'], ['b1', 'b2']]);
  });

  it('cuts at the item limit', () => {
    const groups = groupNativeUploads(Array.from({ length: 5 }, (_, index) => item(`a${index}`, 'a')), { maxItems: 2, maxBytes: 1_000_000 });
    assert.deepEqual(ids(groups), [['a0', 'a1'], ['a2', 'a3'], ['a4']]);
  });

  it('cuts before the byte limit (bodies plus each line\'s envelope, 5% spare)', () => {
    // 300 + 128 = 428 bytes a line: 95% of 1,100 bytes (1,045) holds two (three bodies alone would fit).
    const groups = groupNativeUploads(Array.from({ length: 5 }, (_, index) => item(`a${index}`, 'a', 300)), { maxItems: 100, maxBytes: 1_100 });
    assert.deepEqual(ids(groups), [['a0', 'a1'], ['a2', 'a3'], ['a4']]);
    // A single line larger than the limit still goes alone (the client refuses it with a clear error).
    assert.deepEqual(ids(groupNativeUploads([item('big', 'a', 5_000)], { maxItems: 100, maxBytes: 1_100 })), [['big']]);
  });
});
