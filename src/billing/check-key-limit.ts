import { GatewayError } from '../core/errors/gateway-error.js';
import type { KeySpendTracker } from './key-spend-tracker.js';
import type { ApiKeyRecord } from '../stores/key-store.js';
import { spendInWindow } from './spend-in-window.js';
import { parseUsd } from './money.js';

const DAY_MS = 86_400_000;

/**
 * Refuses a request with 402 when the key's `limit` is already spent in its reset window.
 * Keys without a limit cost nothing here; limited keys are checked against the in-memory
 * KeySpendTracker. It does not reserve, so concurrent requests can still overshoot by what
 * is in flight — atomic reservations belong to the budget ledger (billing issue).
 */
export async function checkKeyLimit(options: {
  key: ApiKeyRecord;
  spend: KeySpendTracker;
  now?: Date;
}): Promise<void> {
  const { key } = options;
  if (key.limit === null) return;
  const now = options.now ?? new Date();
  const spent = spendInWindow(key, await options.spend.get(key.hash, now));
  if (spent < parseUsd(key.limit)) return;
  const window = key.limitReset ?? 'total';
  const resets = key.limitReset ? ` It resets at ${nextReset(key.limitReset, now).toISOString()}.` : '';
  throw new GatewayError('payment_required', {
    message: `Key limit exceeded (${window} limit of $${key.limit}).${resets} Raise it with PATCH /api/v1/keys/${key.hash}.`,
    metadata: { limit: Number(key.limit), limit_reset: key.limitReset },
  });
}

/** Next UTC midnight, Monday or first of the month after `now`. */
function nextReset(reset: NonNullable<ApiKeyRecord['limitReset']>, now: Date): Date {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + DAY_MS;
  if (reset === 'daily') return new Date(midnight);
  if (reset === 'weekly') {
    const daysToMonday = (8 - now.getUTCDay()) % 7 || 7;
    return new Date(midnight - DAY_MS + daysToMonday * DAY_MS);
  }
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
}
