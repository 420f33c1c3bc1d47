import { GatewayError } from '../core/errors/gateway-error.js';
import type { BatchGenerationWriter } from '../stores/batch-generation-writer.js';
import type { GenerationStore } from '../stores/generation-store.js';
import type { ApiKeyRecord } from '../stores/key-store.js';
import { spendInWindow } from '../http/codecs/encode-key.js';
import { parseUsd } from './money.js';

const DAY_MS = 86_400_000;

/**
 * Refuses a request with 402 when the key's `limit` is already spent in its reset window.
 * Keys without a limit cost nothing here. This check reads the key's spend after flushing
 * pending records; it does not reserve, so concurrent requests can still overshoot by what
 * is in flight — atomic reservations belong to the budget ledger (billing issue).
 */
export async function checkKeyLimit(options: {
  key: ApiKeyRecord;
  generations: GenerationStore;
  writer: BatchGenerationWriter;
  now?: Date;
}): Promise<void> {
  const { key } = options;
  if (key.limit === null) return;
  const now = options.now ?? new Date();
  if (options.writer.pending > 0) await options.writer.flush();
  const spent = spendInWindow(key, await options.generations.spendByKey(key.hash, now));
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
