import { batchPrice } from '../billing/batch-price.js';
import { resolvePrices } from '../routing/catalog/resolve-prices.js';
import type { RouteAttempt } from '../routing/plan-route.js';

/** The attempt as its provider's batch API bills it: the endpoint's prices with the batch discount. */
export function batchPricedAttempt(attempt: RouteAttempt): RouteAttempt {
  const { endpoint } = attempt;
  return { ...attempt, endpoint: { ...endpoint, prices: resolvePrices(batchPrice(endpoint.entry.pricing, endpoint.provider)) } };
}
