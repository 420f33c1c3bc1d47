import type { LimitReset } from '../stores/key-store.js';

const DAY_MS = 86_400_000;

/** The next UTC midnight, Monday 00:00 or first of the month after `now`. */
export function nextReset(reset: LimitReset, now: Date): Date {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + DAY_MS;
  if (reset === 'daily') return new Date(midnight);
  if (reset === 'weekly') {
    const daysToMonday = (8 - now.getUTCDay()) % 7 || 7;
    return new Date(midnight - DAY_MS + daysToMonday * DAY_MS);
  }
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
}
