import type { PriceTable } from './catalog-types.js';
import { parseUsd, type Picodollars } from '../../core/money.js';

/** An endpoint's prices parsed once at start-up into exact picodollars per unit. */
export interface ResolvedPrices {
  prompt: Picodollars;
  completion: Picodollars;
  request: Picodollars;
  image: Picodollars;
  inputCacheRead: Picodollars | null;
  inputCacheWrite: Picodollars | null;
  inputCacheWrite1h: Picodollars | null;
  internalReasoning: Picodollars | null;
  /** Per image output token; null bills image tokens at the completion rate. */
  imageOutput: Picodollars | null;
}

/** Parses a catalog price table; missing cache/reasoning prices stay null (billed at the base rate). */
export function resolvePrices(table: PriceTable): ResolvedPrices {
  const optional = (value: string | undefined) => (value === undefined ? null : parseUsd(value));
  return {
    prompt: parseUsd(table.prompt),
    completion: parseUsd(table.completion),
    request: table.request === undefined ? 0n : parseUsd(table.request),
    image: table.image === undefined ? 0n : parseUsd(table.image),
    inputCacheRead: optional(table.input_cache_read),
    inputCacheWrite: optional(table.input_cache_write),
    inputCacheWrite1h: optional(table.input_cache_write_1h),
    internalReasoning: optional(table.internal_reasoning),
    imageOutput: optional(table.image_output),
  };
}
