import type { SpendWindows } from './ledger.js';
import { utcSpendWindows, type UtcSpendWindows } from './utc-spend-windows.js';

/** Spend counters of one account with the window starts they belong to; shared by the ledger backends. */
export interface WindowedSpend {
  spend: SpendWindows;
  byok: SpendWindows;
  windows: UtcSpendWindows;
}

/**
 * Zeroes the daily / weekly / monthly counters whose UTC window no longer contains `now`
 * (midnight, Monday 00:00, the 1st), in place, and moves the window starts to `now`'s.
 */
export function rollAccountWindows(account: WindowedSpend, now: Date): void {
  const current = utcSpendWindows(now);
  for (const counters of [account.spend, account.byok]) {
    if (current.dayStart !== account.windows.dayStart) counters.daily = 0n;
    if (current.weekStart !== account.windows.weekStart) counters.weekly = 0n;
    if (current.monthStart !== account.windows.monthStart) counters.monthly = 0n;
  }
  account.windows = current;
}

/** Adds an amount to every window of a counter set. */
export function addToWindows(counters: SpendWindows, amount: bigint): void {
  counters.total += amount;
  counters.daily += amount;
  counters.weekly += amount;
  counters.monthly += amount;
}

/** Spend of the window named by a reset (null = all-time). */
export function windowSpend(counters: SpendWindows, reset: 'daily' | 'weekly' | 'monthly' | null): bigint {
  if (reset === 'daily') return counters.daily;
  if (reset === 'weekly') return counters.weekly;
  if (reset === 'monthly') return counters.monthly;
  return counters.total;
}

export const zeroWindows = (): SpendWindows => ({ total: 0n, daily: 0n, weekly: 0n, monthly: 0n });
