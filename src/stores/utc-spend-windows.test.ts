import assert from 'node:assert/strict';
import { test } from 'node:test';
import { utcSpendWindows } from './utc-spend-windows.js';

test('the windows of the last day asked about are reused only within that UTC day', () => {
  const expected = (iso: string) => {
    const now = new Date(iso);
    const dayStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    return { dayStart, weekStart: dayStart - ((now.getUTCDay() + 6) % 7) * 86_400_000, monthStart: Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1) };
  };
  // Across midnight, a Monday, a month's end and back to an earlier day, each call twice.
  const instants = [
    '2026-11-29T23:59:59.999Z', '2026-11-30T00:00:00.000Z', '2026-11-30T23:59:59.999Z', '2026-12-01T00:00:00.000Z',
    '2026-11-29T12:00:00.000Z', '1970-01-01T00:00:00.000Z', '2026-12-07T00:00:00.000Z', '2026-12-06T23:59:59.999Z',
  ];
  for (const iso of instants) {
    assert.deepEqual({ ...utcSpendWindows(new Date(iso)) }, expected(iso), iso);
    assert.deepEqual({ ...utcSpendWindows(new Date(iso)) }, expected(iso), `${iso} again`);
  }
  assert.deepEqual({ ...utcSpendWindows(new Date(Number.NaN)) }, { dayStart: Number.NaN, weekStart: Number.NaN, monthStart: Number.NaN });
});
