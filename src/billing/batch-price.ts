import { formatUsd, parseUsd } from '../core/money.js';
import type { Provider } from '../core/provider-types.js';
import type { PriceTable } from '../routing/catalog/catalog-types.js';

/**
 * Batch discounts of the vendors whose batch API the gateway speaks: OpenAI Batch, Anthropic
 * Message Batches and Gemini API batch mode (preset `google`) all bill every token kind (input,
 * output, cache reads and writes) at 50% of the list price. The public catalog agrees where it
 * lists batch prices: every OpenAI model in litellm_model_prices_and_context_window.json has
 * `*_cost_per_token_batches` = half its list price, and so do all 11 `gemini/` entries that list
 * one (e.g. gemini/gemini-3-pro-preview: input 2e-06 → 1e-06, output 1.2e-05 → 6e-06).
 * Anthropic's entries list none, so Anthropic's documented 50% applies.
 */
const BATCH_DISCOUNT_PERCENT: Readonly<Record<string, bigint>> = { openai: 50n, anthropic: 50n, google: 50n };

/** Per-token (and per-image) prices the discount applies to; `request` and `web_search` are per call and stay. */
const TOKEN_PRICES = ['prompt', 'completion', 'image', 'input_cache_read', 'input_cache_write', 'input_cache_write_1h', 'internal_reasoning'] as const;

/**
 * The price table a request pays when it runs in the provider's native batch API: list prices
 * with the vendor's batch discount (rounded up to the picodollar, never under-charging).
 * Providers without a native batch API, and custom endpoints, pay list price: a gateway-run
 * batch costs what live traffic costs.
 */
export function batchPrice(endpointPricing: PriceTable, provider: Pick<Provider, 'id' | 'nativeBatch'>): PriceTable {
  const discount = provider.nativeBatch ? BATCH_DISCOUNT_PERCENT[provider.id] : undefined;
  if (discount === undefined) return endpointPricing;
  const table: PriceTable = { ...endpointPricing };
  for (const key of TOKEN_PRICES) {
    const price = endpointPricing[key];
    // Negative prices are OpenRouter's "priced elsewhere" markers, kept as they are.
    if (price === undefined || parseUsd(price) <= 0n) continue;
    const kept = parseUsd(price) * (100n - discount);
    table[key] = formatUsd((kept + 99n) / 100n);
  }
  return table;
}
