/**
 * Exact decimal normalisation of prices. Sources publish prices as float-noisy strings
 * ("0.0000006000000000000001"), as JSON floats in exponent form (1.5e-07) or per million
 * tokens (0.14): all of them become a plain USD decimal string with at most 12 decimals.
 * Only string and BigInt arithmetic is used, so no float rounding can creep in.
 */
const MAX_DECIMALS = 12;
const DECIMAL = /^(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/**
 * Normalises a non-negative price to a plain decimal string: at most 12 decimals (rounded
 * half up), trailing zeros stripped, never exponent notation ("0" for zero).
 * @param value a decimal string or number, e.g. "0.0000006000000000000001", 6e-7, "1.5E-7"
 * @param scaleExponent multiply by 10^scaleExponent first: -6 turns a per-1M price into per token
 */
export function normalizePrice(value: string | number, scaleExponent = 0): string {
  const text = typeof value === 'number' ? numberToText(value) : value.trim();
  const match = DECIMAL.exec(text);
  if (!match || ((match[1] ?? '') === '' && (match[2] ?? '') === '')) {
    throw new RangeError(`Not a non-negative decimal price: ${JSON.stringify(value)}`);
  }
  const intPart = match[1] ?? '';
  const fracPart = match[2] ?? '';
  const exponent = Number(match[3] ?? '0') + scaleExponent;
  // value = digits × 10^(exponent − fracPart.length)
  const digits = BigInt((intPart + fracPart) || '0');
  const shift = exponent - fracPart.length + MAX_DECIMALS;
  // Scaled to units of 10^-12, rounded half up.
  let units: bigint;
  if (shift >= 0) {
    units = digits * 10n ** BigInt(shift);
  } else {
    const divisor = 10n ** BigInt(-shift);
    units = digits / divisor;
    if ((digits % divisor) * 2n >= divisor) units += 1n;
  }
  return formatUnits(units);
}

function formatUnits(units: bigint): string {
  const scale = 10n ** BigInt(MAX_DECIMALS);
  const whole = units / scale;
  const fraction = (units % scale).toString().padStart(MAX_DECIMALS, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole.toString();
}

function numberToText(value: number): string {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`Not a non-negative finite price: ${value}`);
  // String() gives the shortest text that round-trips, so 0.14 stays "0.14" and 1.5e-7 "1.5e-7".
  return String(value);
}
