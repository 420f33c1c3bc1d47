import type { CatalogEndpoint } from '../../src/routing/catalog/catalog-types.js';

/**
 * Orders a model's endpoints: the author's own (first-party) endpoint first, then the others
 * by prompt price ascending (ties by completion price, then provider slug), `openrouter` last.
 */
export function orderEndpoints(endpoints: CatalogEndpoint[], firstPartySlugs: string[]): CatalogEndpoint[] {
  const rank = (e: CatalogEndpoint): number =>
    e.provider === 'openrouter' ? 2 : firstPartySlugs.includes(e.provider) ? 0 : 1;
  return [...endpoints].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      comparePrice(a.pricing.prompt, b.pricing.prompt) ||
      comparePrice(a.pricing.completion, b.pricing.completion) ||
      a.provider.localeCompare(b.provider),
  );
}

/** Compares two plain decimal strings exactly. */
function comparePrice(a: string, b: string): number {
  const x = toUnits(a);
  const y = toUnits(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function toUnits(price: string): bigint {
  const [whole = '0', fraction = ''] = price.split('.');
  return BigInt(whole) * 10n ** 12n + BigInt(fraction.padEnd(12, '0').slice(0, 12) || '0');
}
