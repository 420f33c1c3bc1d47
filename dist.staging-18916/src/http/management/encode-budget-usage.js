import { formatUsd, parseUsd, usdToNumber } from "../../core/money.js";
import { windowSpend } from "../../stores/roll-account-windows.js";
function encodeBudgetUsage(budget, account) {
  const { spend, byok } = account;
  let remaining = null;
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
    byok_usage_monthly: usdToNumber(byok.monthly)
  };
}
export {
  encodeBudgetUsage
};
//# sourceMappingURL=encode-budget-usage.js.map
