const DAY_MS = 864e5;
function nextReset(reset, now) {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + DAY_MS;
  if (reset === "daily") return new Date(midnight);
  if (reset === "weekly") {
    const daysToMonday = (8 - now.getUTCDay()) % 7 || 7;
    return new Date(midnight - DAY_MS + daysToMonday * DAY_MS);
  }
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
}
export {
  nextReset
};
//# sourceMappingURL=next-reset.js.map
