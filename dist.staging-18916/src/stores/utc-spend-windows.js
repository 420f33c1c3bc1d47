const DAY_MS = 864e5;
function utcSpendWindows(now) {
  const dayStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const daysSinceMonday = (now.getUTCDay() + 6) % 7;
  return {
    dayStart,
    weekStart: dayStart - daysSinceMonday * DAY_MS,
    monthStart: Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)
  };
}
export {
  utcSpendWindows
};
//# sourceMappingURL=utc-spend-windows.js.map
