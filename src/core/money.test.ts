import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatUsd, parseUsd, usdToNumber } from './money.js';

describe('money', () => {
  const cases: Array<[string | number, bigint, string]> = [
    ['0.5', 500_000_000_000n, '0.5'],
    ['1', 1_000_000_000_000n, '1'],
    ['0.0000006', 600_000n, '0.0000006'],
    ['0.0000006000000000000001', 600_000n, '0.0000006'],
    ['6e-07', 600_000n, '0.0000006'],
    ['7.5e-9', 7_500n, '0.0000000075'],
    ['0.0000000000005', 1n, '0.000000000001'],
    ['0.0000000000004', 0n, '0'],
    ['12.25', 12_250_000_000_000n, '12.25'],
    [1.5e-7, 150_000n, '0.00000015'],
    ['-2.5', -2_500_000_000_000n, '-2.5'],
    ['.5', 500_000_000_000n, '0.5'],
    ['0', 0n, '0'],
  ];
  for (const [input, pico, text] of cases) {
    it(`parses ${String(input)}`, () => {
      assert.equal(parseUsd(input), pico);
      assert.equal(formatUsd(pico), text);
    });
  }

  it('rejects what is not a decimal', () => {
    for (const bad of ['', 'abc', '1.2.3', '$1', 'NaN']) assert.throws(() => parseUsd(bad), RangeError);
    assert.throws(() => parseUsd(Number.NaN), RangeError);
  });

  it('sums exactly where floats drift', () => {
    let total = 0n;
    for (let i = 0; i < 10; i += 1) total += parseUsd('0.1');
    assert.equal(formatUsd(total), '1');
    assert.equal(usdToNumber(parseUsd('0.000123')), 0.000123);
  });

  it('gives the wire number of the exact decimal, by division up to 2^53 picodollars and by the string beyond', () => {
    const viaString = (amount: bigint) => Number(formatUsd(amount));
    const samples: bigint[] = [0n, 1n, -1n, 5n, 999_999_999_999n, 1_000_000_000_000n, 123_456_789n, 9_007_199_254_740_991n, -9_007_199_254_740_991n, 9_007_199_254_740_993n, 10n ** 20n + 7n];
    let seed = 42;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    for (let i = 0; i < 20_000; i++) samples.push(BigInt(next()) * BigInt(next() % 4_194_304) + BigInt(next() % 1000), BigInt(next() % 100_000_000));
    for (const amount of samples) assert.equal(usdToNumber(amount), viaString(amount), `${amount} picodollars`);
  });

  it('parses the same text to the same amount every time (parsed amounts are kept)', () => {
    assert.equal(parseUsd('0.0000006'), 600_000n);
    assert.equal(parseUsd('0.0000006'), 600_000n);
    assert.throws(() => parseUsd('abc'), RangeError);
    assert.throws(() => parseUsd('abc'), RangeError);
  });
});
