import { InvalidRequestError } from '../core/errors/gateway-error.js';

/**
 * A whole-number query parameter (`offset`, `limit`): the fallback when absent or empty, else a
 * decimal integer within [min, max], or a 400 that names the parameter. `1e309`, `-1`, `1.5` and
 * `abc` are refused rather than reaching a store as Infinity, a negative or a fraction.
 */
export function readQueryInteger(value: string | undefined, options: { name: string; fallback: number; min: number; max: number }): number {
  if (value === undefined || value === '') return options.fallback;
  const parsed = /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < options.min || parsed > options.max) {
    throw new InvalidRequestError(`${options.name} must be a whole number from ${options.min} to ${options.max}`, { metadata: { parameter: options.name } });
  }
  return parsed;
}
