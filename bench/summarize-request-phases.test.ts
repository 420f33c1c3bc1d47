import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { summarizeRequestPhases } from './summarize-request-phases.js';

describe('summarizeRequestPhases', () => {
  it('orders marks by their median time and gives the median per-request gap from the previous one', () => {
    const rows = summarizeRequestPhases([
      { marks: ['sent', 0.1, 'answered', 0.5, 'finished', 0.6] },
      { marks: ['sent', 0.2, 'answered', 0.4, 'finished', 0.9] },
      { marks: ['finished', 1.0, 'sent', 0.3, 'answered', 0.9] },
    ]);
    assert.deepEqual(rows.map((row) => row.name), ['sent', 'answered', 'finished']);
    assert.deepEqual(rows.map((row) => row.atMs), [0.2, 0.5, 0.9]);
    // Gaps per request: answered − sent = 0.4, 0.2, 0.6 → 0.4; finished − answered = 0.1, 0.5, 0.1 → 0.1.
    assert.equal(rows[0]?.sincePreviousMs, undefined);
    assert.ok(Math.abs((rows[1]?.sincePreviousMs ?? 0) - 0.4) < 1e-9);
    assert.ok(Math.abs((rows[2]?.sincePreviousMs ?? 0) - 0.1) < 1e-9);
  });

  it('counts a repeated mark at its first occurrence and gaps only over samples that have both marks', () => {
    const rows = summarizeRequestPhases([
      { marks: ['upstream', 0.2, 'upstream', 0.7, 'done', 1.0] },
      { marks: ['upstream', 0.3, 'done', 0.5] },
      { marks: ['done', 2.0] },
    ]);
    assert.deepEqual(rows.map((row) => [row.name, row.samples]), [['upstream', 2], ['done', 3]]);
    assert.equal(rows[0]?.atMs, 0.2);
    // done − upstream over the two samples with both: 0.8 and 0.2 → nearest-rank median 0.2.
    assert.ok(Math.abs((rows[1]?.sincePreviousMs ?? 0) - 0.2) < 1e-9);
  });
});
