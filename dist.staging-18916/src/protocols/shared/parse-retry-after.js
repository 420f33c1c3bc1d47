function parseRetryAfter(value) {
  if (!value) return void 0;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.max(1, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? void 0 : Math.max(1, Math.ceil((date - Date.now()) / 1e3));
}
export {
  parseRetryAfter
};
//# sourceMappingURL=parse-retry-after.js.map
