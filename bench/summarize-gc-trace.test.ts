import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { summarizeGcTrace } from './summarize-gc-trace.js';

const line = (atMs: number, kind: string, pause: number, promoted: number, survived: number): string =>
  `[27572:0x2b854d90]    ${atMs} ms: pause=${pause} mutator=98.8 gc=${kind} reduce_memory=0 scavenge=7.70 promoted=${promoted} new_space_survived=${survived} promotion_rate=88.0%`;

describe('summarizeGcTrace', () => {
  it('counts the collections of the window before the last line, per unit of work', () => {
    const trace = [
      'listening on http://127.0.0.1:1234',
      line(1_000, 's', 9, 5_000_000, 5_000_000), // before the window
      line(10_100, 's', 4, 1_000_000, 1_250_000),
      line(10_200, 'mc', 8, 0, 0),
      line(10_300, 's', 6, 0, 2_000_000), // after a mark-compact: nothing below the age mark
      line(10_400, 's', 5, 1_400_000, 1_750_000),
      line(10_500, 's', 5, 1_600_000, 1_500_000),
      '',
    ].join('\n');
    const summary = summarizeGcTrace(trace, { windowMs: 1_000, units: 600 });
    assert.equal(summary.scavenges, 4);
    assert.equal(summary.markCompacts, 1);
    assert.deepEqual(summary.scavengePauseMs, { average: 5, max: 6 });
    assert.deepEqual(summary.markCompactPauseMs, { average: 8, max: 8 });
    assert.equal(summary.promotedBytes, 4_000_000);
    assert.equal(summary.promotedBytesPerUnit, 4_000_000 / 600);
    // 1.4 MB of the 2 MB copied after the mark-compact, then 1.6 of 1.75: the first scavenge's
    // promotion (no copy before it in the window) and the pair across the mark-compact do not count.
    assert.equal(summary.secondSurvivalRate, 3_000_000 / 3_750_000);
  });

  it('reports nothing for a trace without collections', () => {
    const summary = summarizeGcTrace('no gc here\n', { windowMs: 1_000, units: 10 });
    assert.equal(summary.scavenges, 0);
    assert.equal(summary.promotedBytesPerUnit, 0);
    assert.deepEqual(summary.scavengePauseMs, { average: 0, max: 0 });
  });
});
