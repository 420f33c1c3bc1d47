/**
 * Money is an integer number of picodollars (1e-12 USD) held in a bigint: exact for every
 * per-token price OpenRouter publishes (the smallest are around 1e-9 USD) and for any sum.
 * Floats appear only at the wire edge, where OpenRouter itself sends numbers.
 */
export type Picodollars = bigint;

const SCALE_DIGITS = 12;
const SCALE = 10n ** BigInt(SCALE_DIGITS);
const DECIMAL = /^(-?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/** Parsed amounts by their text: the same few limits and prices are parsed on every request. */
const parsed = new Map<string, Picodollars>();
const MAX_PARSED = 1024;

/** Parses a decimal USD string ("0.0000006", "6e-07", "1.5") into picodollars, rounding half up. */
export function parseUsd(value: string | number): Picodollars {
  if (typeof value !== 'string') return parseUsdText(value);
  let amount = parsed.get(value);
  if (amount === undefined) {
    amount = parseUsdText(value);
    if (parsed.size >= MAX_PARSED) parsed.clear();
    parsed.set(value, amount);
  }
  return amount;
}

function parseUsdText(value: string | number): Picodollars {
  const text = typeof value === 'number' ? numberToPlainString(value) : value.trim();
  const match = DECIMAL.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) {
    throw new RangeError(`Not a decimal amount: ${JSON.stringify(value)}`);
  }
  const [, sign, intPart = '', fracPart = '', exp = '0'] = match;
  let digits = intPart + fracPart;
  // Position of the decimal point after applying the exponent, counted from the left.
  let point = intPart.length + Number(exp);
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  const whole = digits.slice(0, point).padEnd(point, '0') || '0';
  const fraction = digits.slice(point);
  const kept = fraction.slice(0, SCALE_DIGITS).padEnd(SCALE_DIGITS, '0');
  const roundUp = (fraction[SCALE_DIGITS] ?? '0') >= '5';
  let result = BigInt(whole) * SCALE + BigInt(kept) + (roundUp ? 1n : 0n);
  if (sign === '-') result = -result;
  return result;
}

/** Formats picodollars as a plain decimal USD string without trailing zeros ("0.000123"). */
export function formatUsd(amount: Picodollars): string {
  const negative = amount < 0n;
  const abs = negative ? -amount : amount;
  const whole = abs / SCALE;
  const fraction = (abs % SCALE).toString().padStart(SCALE_DIGITS, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** Largest picodollar amount a double holds exactly (2^53 - 1, about 9,007 USD). */
const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);
const SCALE_NUMBER = 1e12;

/**
 * The wire form: OpenRouter sends `usage.cost` and balances as JSON numbers. The double nearest
 * to the exact decimal value. Up to 2^53 picodollars both the amount and 1e12 are exact doubles,
 * and IEEE division rounds the exact quotient to the nearest double, as parsing the decimal string
 * does, so the division gives the same number without formatting a string (it runs several times
 * per request); larger amounts go through the string.
 */
export function usdToNumber(amount: Picodollars): number {
  if (amount <= MAX_EXACT && amount >= -MAX_EXACT) return Number(amount) / SCALE_NUMBER;
  return Number(formatUsd(amount));
}

function numberToPlainString(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`Not a finite amount: ${value}`);
  return String(value);
}
