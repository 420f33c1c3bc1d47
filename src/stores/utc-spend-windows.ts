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

/** The last windows computed: every call within the same UTC day returns them (frozen, so sharing them is safe). */
let lastWindows: Readonly<UtcSpendWindows> = Object.freeze({ dayStart: Number.NaN, weekStart: Number.NaN, monthStart: Number.NaN });

/**
 * Computes the spend windows containing `now`; weeks start on Monday 00:00 UTC as OpenRouter's do.
 * The ledger asks for every account it loads (several per request), and the UTC getters cost
 * about 400 ns a call, so the windows of the last day asked about are kept: one compare then.
 */
export function utcSpendWindows(now: Date): UtcSpendWindows {
  const time = now.getTime();
  if (time >= lastWindows.dayStart && time < lastWindows.dayStart + DAY_MS) return lastWindows;
  const dayStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  // getUTCDay: Sunday = 0 … Saturday = 6; days since Monday is therefore (day + 6) % 7.
  const daysSinceMonday = (now.getUTCDay() + 6) % 7;
  lastWindows = Object.freeze({
    dayStart,
    weekStart: dayStart - daysSinceMonday * DAY_MS,
    monthStart: Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1),
  });
  return lastWindows;
}
