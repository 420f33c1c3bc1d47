import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { StringDictionary } from './string-dictionary.js';

describe('StringDictionary', () => {
  it('gets, sets, replaces and deletes by key, counting what it holds', () => {
    const table = new StringDictionary<number>();
    table.set('a', 1);
    table.set('b', 2);
    table.set('a', 3);
    assert.equal(table.size, 2);
    assert.equal(table.get('a'), 3);
    assert.equal(table.has('b'), true);
    assert.equal(table.delete('b'), true);
    assert.equal(table.delete('b'), false);
    assert.equal(table.has('b'), false);
    assert.equal(table.get('b'), undefined);
    assert.equal(table.size, 1);
    assert.deepEqual([...table.entries()], [['a', 3]]);
    table.clear();
    assert.equal(table.size, 0);
    assert.deepEqual([...table.entries()], []);
  });

  it('takes any string as a key, those Object.prototype names included', () => {
    const table = new StringDictionary<string>();
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '']) {
      assert.equal(table.get(key), undefined);
      assert.equal(table.has(key), false);
      table.set(key, `value of ${key}`);
    }
    assert.equal(table.size, 5);
    assert.equal(table.get('__proto__'), 'value of __proto__');
    assert.equal(table.get('constructor'), 'value of constructor');
    assert.equal(table.delete('__proto__'), true);
    assert.equal(table.size, 4);
  });

  it('keeps up with many keys coming and going', () => {
    const table = new StringDictionary<number>();
    for (let i = 0; i < 10_000; i += 1) {
      table.set(`gen-${i}`, i);
      if (i >= 50) table.delete(`gen-${i - 50}`);
    }
    assert.equal(table.size, 50);
    assert.equal(table.get('gen-9999'), 9999);
    assert.equal(table.get('gen-9949'), undefined);
  });
});
