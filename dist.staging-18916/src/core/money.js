const SCALE_DIGITS = 12;
const SCALE = 10n ** BigInt(SCALE_DIGITS);
const DECIMAL = /^(-?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;
function parseUsd(value) {
  const text = typeof value === "number" ? numberToPlainString(value) : value.trim();
  const match = DECIMAL.exec(text);
  if (!match || match[2] === "" && (match[3] ?? "") === "") {
    throw new RangeError(`Not a decimal amount: ${JSON.stringify(value)}`);
  }
  const [, sign, intPart = "", fracPart = "", exp = "0"] = match;
  let digits = intPart + fracPart;
  let point = intPart.length + Number(exp);
  if (point < 0) {
    digits = "0".repeat(-point) + digits;
    point = 0;
  }
  const whole = digits.slice(0, point).padEnd(point, "0") || "0";
  const fraction = digits.slice(point);
  const kept = fraction.slice(0, SCALE_DIGITS).padEnd(SCALE_DIGITS, "0");
  const roundUp = (fraction[SCALE_DIGITS] ?? "0") >= "5";
  let result = BigInt(whole) * SCALE + BigInt(kept) + (roundUp ? 1n : 0n);
  if (sign === "-") result = -result;
  return result;
}
function formatUsd(amount) {
  const negative = amount < 0n;
  const abs = negative ? -amount : amount;
  const whole = abs / SCALE;
  const fraction = (abs % SCALE).toString().padStart(SCALE_DIGITS, "0").replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}
function usdToNumber(amount) {
  return Number(formatUsd(amount));
}
function numberToPlainString(value) {
  if (!Number.isFinite(value)) throw new RangeError(`Not a finite amount: ${value}`);
  return String(value);
}
export {
  formatUsd,
  parseUsd,
  usdToNumber
};
//# sourceMappingURL=money.js.map
