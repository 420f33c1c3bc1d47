import { utcSpendWindows } from "./utc-spend-windows.js";
function rollAccountWindows(account, now) {
  const current = utcSpendWindows(now);
  for (const counters of [account.spend, account.byok]) {
    if (current.dayStart !== account.windows.dayStart) counters.daily = 0n;
    if (current.weekStart !== account.windows.weekStart) counters.weekly = 0n;
    if (current.monthStart !== account.windows.monthStart) counters.monthly = 0n;
  }
  account.windows = current;
}
function addToWindows(counters, amount) {
  counters.total += amount;
  counters.daily += amount;
  counters.weekly += amount;
  counters.monthly += amount;
}
function windowSpend(counters, reset) {
  if (reset === "daily") return counters.daily;
  if (reset === "weekly") return counters.weekly;
  if (reset === "monthly") return counters.monthly;
  return counters.total;
}
const zeroWindows = () => ({ total: 0n, daily: 0n, weekly: 0n, monthly: 0n });
export {
  addToWindows,
  rollAccountWindows,
  windowSpend,
  zeroWindows
};
//# sourceMappingURL=roll-account-windows.js.map
