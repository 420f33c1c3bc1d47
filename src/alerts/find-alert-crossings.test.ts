import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseUsd } from '../core/money.js';
import { alertRuleInput } from './alert-rule-schema.js';
import { findErrorRate, findSpendSpike } from './find-alert-crossings.js';
import { TrafficWindow } from './traffic-window.js';

const MINUTE = 60_000;
const spike = alertRuleInput.parse({ type: 'spend_spike', factor: 3, min_usd: 1, window_minutes: 60, baseline_windows: 4 });
if (spike.type !== 'spend_spike') throw new Error('schema');

test('a spend spike needs the whole baseline watched, the factor and the minimum', () => {
  const start = Date.UTC(2026, 11, 4, 0, 0);
  const now = start + 5 * 60 * MINUTE;
  const traffic = new TrafficWindow({ retainMinutes: 600, now: start });
  // Baseline: $1 per hour for four hours; last hour: $2.50 (2.5×).
  for (let hour = 0; hour < 4; hour += 1) traffic.observe({ workspaceId: 'w', at: start + hour * 60 * MINUTE + 5 * MINUTE, failed: false, costPico: parseUsd(1) });
  traffic.observe({ workspaceId: 'w', at: start + 4 * 60 * MINUTE + 10 * MINUTE, failed: false, costPico: parseUsd(2.5) });
  assert.deepEqual(findSpendSpike('r', spike, { workspaceId: 'w', traffic, now }), [], '2.5× is under the factor of 3');
  traffic.observe({ workspaceId: 'w', at: start + 4 * 60 * MINUTE + 20 * MINUTE, failed: false, costPico: parseUsd(1) });
  const [fired] = findSpendSpike('r', spike, { workspaceId: 'w', traffic, now });
  assert.ok(fired, '3.5× the average fires');
  assert.match(fired.summary, /\$3\.5 in the last 60 min, 3\.5× the average of \$1/);
  assert.equal(findSpendSpike('r', spike, { workspaceId: 'w', traffic, now: now + 5 * MINUTE })[0]?.fingerprint, fired.fingerprint, 'the same window: the same fingerprint');

  const restarted = new TrafficWindow({ retainMinutes: 600, now: start + 3 * 60 * MINUTE });
  restarted.observe({ workspaceId: 'w', at: start + 4 * 60 * MINUTE + 10 * MINUTE, failed: false, costPico: parseUsd(50) });
  assert.deepEqual(findSpendSpike('r', spike, { workspaceId: 'w', traffic: restarted, now }), [], 'no baseline watched: unknown, not zero');
});

test('the error rate counts 5xx answers in the aligned window, with a minimum of requests', () => {
  const rule = alertRuleInput.parse({ type: 'error_rate', threshold_percent: 50, window_minutes: 5, min_requests: 4 });
  if (rule.type !== 'error_rate') throw new Error('schema');
  const start = Date.UTC(2026, 11, 4, 0, 0);
  const traffic = new TrafficWindow({ retainMinutes: 60, now: start });
  for (const failed of [true, true, false]) traffic.observe({ workspaceId: 'w', at: start + MINUTE, failed, costPico: 0n });
  assert.deepEqual(findErrorRate('r', rule, { workspaceId: 'w', traffic, now: start + 2 * MINUTE }), [], 'three requests are under the minimum');
  traffic.observe({ workspaceId: 'w', at: start + 2 * MINUTE, failed: false, costPico: 0n });
  const [fired] = findErrorRate('r', rule, { workspaceId: 'w', traffic, now: start + 3 * MINUTE });
  assert.match(fired?.summary ?? '', /Error rate 50\.0%: 2 of 4/);
  assert.deepEqual(findErrorRate('r', rule, { workspaceId: 'w', traffic, now: start + 6 * MINUTE }), [], 'a new window starts empty');
  traffic.prune(start + 120 * MINUTE);
  assert.deepEqual(traffic.workspaces(), [], 'old buckets are pruned');
});
