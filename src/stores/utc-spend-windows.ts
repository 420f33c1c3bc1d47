/**
 * The windows of GenerationStore.spendByKey, shared by every backend so they agree to the ms.
 */

/** Starts (ms since epoch, inclusive) of the UTC day, Monday-week and month that contain `now`. */
export interface UtcSpendWindows {
  dayStart: number;
  weekStart: number;
  monthStart: number;
}

const DAY_MS = 86_400_000;

/** Computes the spend windows containing `now`; weeks start on Monday 00:00 UTC as OpenRouter's do. */
export function utcSpendWindows(now: Date): UtcSpendWindows {
  const dayStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  // getUTCDay: Sunday = 0 … Saturday = 6; days since Monday is therefore (day + 6) % 7.
  const daysSinceMonday = (now.getUTCDay() + 6) % 7;
  return {
    dayStart,
    weekStart: dayStart - daysSinceMonday * DAY_MS,
    monthStart: Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1),
  };
}
