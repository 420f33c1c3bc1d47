import type { PriceTable } from '../../src/routing/catalog/catalog-types.js';
import { normalizePrice } from './normalize-price.js';

const OPTIONAL_KEYS = [
  'request',
  'image',
  'input_cache_read',
  'input_cache_write',
  'input_cache_write_1h',
  'internal_reasoning',
  'image_output',
  'web_search',
] as const;

/**
 * Turns OpenRouter's `pricing` object into a PriceTable: only PriceTable keys, noise-free
 * decimal strings, zero-valued optional keys dropped. Returns null when any kept price is
 * negative or not a number (OpenRouter's "-1" marks variable-priced routers).
 */
export function convertOpenRouterPricing(pricing: Record<string, unknown>): PriceTable | null {
  const prompt = readPrice(pricing.prompt);
  const completion = readPrice(pricing.completion);
  if (prompt === null || completion === null) return null;
  const table: PriceTable = { prompt, completion };
  for (const key of OPTIONAL_KEYS) {
    if (pricing[key] === undefined || pricing[key] === null) continue;
    const value = readPrice(pricing[key]);
    if (value === null) return null;
    if (value !== '0') table[key] = value;
  }
  return table;
}

function readPrice(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  try {
    return normalizePrice(value);
  } catch {
    return null;
  }
}
