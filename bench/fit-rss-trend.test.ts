import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fitRssTrend } from './fit-rss-trend.js';

describe('fitRssTrend', () => {
  it('finds a steady leak through GC sawtooth noise', () => {
    // 2 MB a minute for 10 minutes, plus a 30 MB sawtooth every 20 s.
    const samples = Array.from({ length: 601 }, (_, s) => ({ atS: s, rssMb: 150 + (2 * s) / 60 + ((s % 20) * 30) / 20 }));
    const trend = fitRssTrend(samples);
    assert.ok(Math.abs(trend.slopeMbPerMin - 2) < 0.1, `slope ${trend.slopeMbPerMin}`);
    assert.ok(Math.abs(trend.fittedGrowthMb - 20) < 1, `growth ${trend.fittedGrowthMb}`);
    assert.equal(trend.minMb, 150);
  });

  it('reports a flat line as flat', () => {
    const trend = fitRssTrend(Array.from({ length: 100 }, (_, s) => ({ atS: s, rssMb: s % 2 === 0 ? 160 : 170 })));
    assert.ok(Math.abs(trend.slopeMbPerMin) < 0.2, `slope ${trend.slopeMbPerMin}`);
  });
});
