import { formatUsd, parseUsd, usdToNumber } from '../../core/money.js';
import type { AccountSnapshot } from '../../stores/ledger.js';
import type { LimitReset } from '../../stores/key-store.js';
import { windowSpend } from '../../stores/roll-account-windows.js';

/** What a key and a member share: a spending limit with its reset window and BYOK rule. */
export interface BudgetFields {
  limit: string | null;
  limitReset: LimitReset | null;
  includeByokInLimit: boolean;
}

/**
 * The limit and usage fields of OpenRouter's `Key` object (`limit` … `byok_usage_monthly`),
 * which workspace members reuse under the same names. `limit_remaining` is limit − spend in
 * the reset window (BYOK spend too when include_byok_in_limit), never below 0.
 */
export function encodeBudgetUsage(budget: BudgetFields, account: AccountSnapshot): Record<string, unknown> {
  const { spend, byok } = account;
  let remaining: number | null = null;
  if (budget.limit !== null) {
    const used = windowSpend(spend, budget.limitReset) + (budget.includeByokInLimit ? windowSpend(byok, budget.limitReset) : 0n);
    const left = parseUsd(budget.limit) - used;
    remaining = usdToNumber(left > 0n ? left : 0n);
  }
  return {
    limit: budget.limit === null ? null : Number(formatUsd(parseUsd(budget.limit))),
    limit_remaining: remaining,
    limit_reset: budget.limitReset,
    include_byok_in_limit: budget.includeByokInLimit,
    usage: usdToNumber(spend.total),
    usage_daily: usdToNumber(spend.daily),
    usage_weekly: usdToNumber(spend.weekly),
    usage_monthly: usdToNumber(spend.monthly),
    byok_usage: usdToNumber(byok.total),
    byok_usage_daily: usdToNumber(byok.daily),
    byok_usage_weekly: usdToNumber(byok.weekly),
    byok_usage_monthly: usdToNumber(byok.monthly),
  };
}
