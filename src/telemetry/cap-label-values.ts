/** The label value that stands for every value past a cap. */
export const OVERFLOW_LABEL = 'other';

/**
 * Bounds the distinct values of one metric label (provider, model): the first `limit` values seen
 * are kept as they are, every later one is reported as `other`, so a large catalog (or many BYOK
 * and local models) cannot grow the number of series without bound. O(1) per lookup.
 */
export class LabelValueCap {
  readonly #seen = new Set<string>();
  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** The value to report for `value`. */
  label(value: string): string {
    if (this.#seen.has(value)) return value;
    if (this.#seen.size >= this.#limit) return OVERFLOW_LABEL;
    this.#seen.add(value);
    return value;
  }
}
