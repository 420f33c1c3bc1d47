/**
 * Money is an integer number of picodollars (1e-12 USD) held in a bigint: exact for every
 * per-token price OpenRouter publishes (the smallest are around 1e-9 USD) and for any sum.
 * Floats appear only at the wire edge, where OpenRouter itself sends numbers.
 */
export type Picodollars = bigint;

const SCALE_DIGITS = 12;
const SCALE = 10n ** BigInt(SCALE_DIGITS);
const DECIMAL = /^(-?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/** Parses a decimal USD string ("0.0000006", "6e-07", "1.5") into picodollars, rounding half up. */
export function parseUsd(value: string | number): Picodollars {
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

/** The wire form: OpenRouter sends `usage.cost` and balances as JSON numbers. */
export function usdToNumber(amount: Picodollars): number {
  return Number(formatUsd(amount));
}

function numberToPlainString(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`Not a finite amount: ${value}`);
  return String(value);
}
