import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizePrice } from './normalize-price.js';

test('normalizePrice removes float noise from OpenRouter strings', () => {
  const cases: Array<[string, string]> = [
    ['0.0000006000000000000001', '0.0000006'],
    ['0.00000100000000000000015', '0.000001'],
    ['0.00000014', '0.00000014'],
    ['0.000005', '0.000005'],
    ['0.5', '0.5'],
    ['00.25', '0.25'],
    ['1.50', '1.5'],
    ['0', '0'],
    ['0.0', '0'],
    ['10', '10'],
    ['.5', '0.5'],
    ['0.01', '0.01'],
  ];
  for (const [input, expected] of cases) assert.equal(normalizePrice(input), expected, input);
});

test('normalizePrice rounds half up at 12 decimals', () => {
  assert.equal(normalizePrice('0.0000000000005'), '0.000000000001');
  assert.equal(normalizePrice('0.00000000000049999'), '0');
  assert.equal(normalizePrice('0.0000000000015'), '0.000000000002');
  assert.equal(normalizePrice('0.9999999999995'), '1');
  assert.equal(normalizePrice('0.0000002574000000001'), '0.0000002574');
});

test('normalizePrice expands exponent notation', () => {
  assert.equal(normalizePrice('6e-07'), '0.0000006');
  assert.equal(normalizePrice('1.5E-7'), '0.00000015');
  assert.equal(normalizePrice(1.5e-7), '0.00000015');
  assert.equal(normalizePrice(3.0000000000000004e-7), '0.0000003');
  assert.equal(normalizePrice(7.5e-8), '0.000000075');
  assert.equal(normalizePrice('2e+1'), '20');
  assert.equal(normalizePrice(1e-13), '0');
});

test('normalizePrice converts per-1M prices exactly', () => {
  assert.equal(normalizePrice(0.14, -6), '0.00000014');
  assert.equal(normalizePrice(0.0028, -6), '0.0000000028');
  assert.equal(normalizePrice(5, -6), '0.000005');
  assert.equal(normalizePrice(37.5, -6), '0.0000375');
  assert.equal(normalizePrice(0.1, -6), '0.0000001');
  assert.equal(normalizePrice(0.3, -6), '0.0000003');
  assert.equal(normalizePrice(0.0375, -6), '0.0000000375');
  assert.equal(normalizePrice('0.000001', -6), '0.000000000001');
  assert.equal(normalizePrice(0.0000004, -6), '0');
  assert.equal(normalizePrice(0, -6), '0');
});

test('normalizePrice rejects negatives and garbage', () => {
  for (const bad of ['-1', '', 'abc', '1.2.3', 'e5', '.']) {
    assert.throws(() => normalizePrice(bad), RangeError, bad);
  }
  assert.throws(() => normalizePrice(-0.5), RangeError);
  assert.throws(() => normalizePrice(Number.NaN), RangeError);
  assert.throws(() => normalizePrice(Number.POSITIVE_INFINITY), RangeError);
});
