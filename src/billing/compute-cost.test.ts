import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TokenCounts } from '../core/canonical/usage.js';
import type { PriceTable } from '../routing/catalog/catalog-types.js';
import { computeCost, type CostBreakdown } from './compute-cost.js';
import { resolvePrices } from '../routing/catalog/resolve-prices.js';

// Prices in USD per token → picodollars per token:
//   prompt 0.000003 → 3_000_000     completion 0.000015 → 15_000_000   request 0.001 → 1_000_000_000
//   cache read 3e-7 → 300_000       cache write 0.00000375 → 3_750_000  reasoning 0.00001 → 10_000_000
const BASE: PriceTable = { prompt: '0.000003', completion: '0.000015' };
const WITH_FEE: PriceTable = { ...BASE, request: '0.001' };
const CACHED: PriceTable = { ...BASE, input_cache_read: '3e-7', input_cache_write: '0.00000375' };
const REASONING: PriceTable = { ...BASE, internal_reasoning: '0.00001' };

function tokens(partial: Partial<TokenCounts>): TokenCounts {
  return { promptTokens: 0, completionTokens: 0, cachedReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, ...partial };
}

describe('resolvePrices', () => {
  it('parses every price into exact picodollars', () => {
    assert.deepEqual(
      resolvePrices({ ...CACHED, request: '0.001', image: '0.001445', input_cache_write_1h: '0.000006', internal_reasoning: '0.00001', web_search: '0.01' }),
      {
        prompt: 3_000_000n,
        completion: 15_000_000n,
        request: 1_000_000_000n,
        image: 1_445_000_000n,
        inputCacheRead: 300_000n,
        inputCacheWrite: 3_750_000n,
        inputCacheWrite1h: 6_000_000n,
        internalReasoning: 10_000_000n,
        imageOutput: null,
      },
    );
  });

  it('defaults request and image to 0 and optional prices to null', () => {
    assert.deepEqual(resolvePrices({ prompt: '0', completion: '0.0000000375' }), {
      prompt: 0n,
      completion: 37_500n,
      request: 0n,
      image: 0n,
      inputCacheRead: null,
      inputCacheWrite: null,
      inputCacheWrite1h: null,
      internalReasoning: null,
      imageOutput: null,
    });
  });

  it('rejects a price that is not a decimal', () => {
    assert.throws(() => resolvePrices({ prompt: 'free', completion: '0' }), RangeError);
  });
});

describe('computeCost', () => {
  const table: Array<{ name: string; prices: PriceTable; tokens: Partial<TokenCounts>; expected: CostBreakdown }> = [
    {
      name: 'prompt only',
      prices: BASE,
      tokens: { promptTokens: 1000 },
      expected: { prompt: 3_000_000_000n, completion: 0n, cacheDiscount: 0n, total: 3_000_000_000n },
    },
    {
      name: 'prompt and completion',
      prices: BASE,
      tokens: { promptTokens: 1000, completionTokens: 500 },
      expected: { prompt: 3_000_000_000n, completion: 7_500_000_000n, cacheDiscount: 0n, total: 10_500_000_000n },
    },
    {
      name: 'request fee added to the total',
      prices: WITH_FEE,
      tokens: { promptTokens: 1000, completionTokens: 500 },
      expected: { prompt: 3_000_000_000n, completion: 7_500_000_000n, cacheDiscount: 0n, total: 11_500_000_000n },
    },
    {
      name: 'request fee alone when no tokens',
      prices: WITH_FEE,
      tokens: {},
      expected: { prompt: 0n, completion: 0n, cacheDiscount: 0n, total: 1_000_000_000n },
    },
    {
      // 200 × 3_000_000 + 800 × 300_000
      name: 'cache read at its own price, positive discount',
      prices: CACHED,
      tokens: { promptTokens: 1000, cachedReadTokens: 800 },
      expected: { prompt: 840_000_000n, completion: 0n, cacheDiscount: 2_160_000_000n, total: 840_000_000n },
    },
    {
      // 600 × 3_000_000 + 400 × 3_750_000 = 3_300_000_000, 300_000_000 more than uncached
      name: 'cache write costs more: negative discount',
      prices: CACHED,
      tokens: { promptTokens: 1000, cacheWriteTokens: 400 },
      expected: { prompt: 3_300_000_000n, completion: 0n, cacheDiscount: -300_000_000n, total: 3_300_000_000n },
    },
    {
      // 200 × 3_000_000 + 500 × 300_000 + 300 × 3_750_000
      name: 'cache read and write together',
      prices: CACHED,
      tokens: { promptTokens: 1000, cachedReadTokens: 500, cacheWriteTokens: 300, completionTokens: 10 },
      expected: { prompt: 1_875_000_000n, completion: 150_000_000n, cacheDiscount: 1_125_000_000n, total: 2_025_000_000n },
    },
    {
      name: 'cached tokens without cache prices bill at the prompt rate',
      prices: BASE,
      tokens: { promptTokens: 1000, cachedReadTokens: 800, cacheWriteTokens: 100 },
      expected: { prompt: 3_000_000_000n, completion: 0n, cacheDiscount: 0n, total: 3_000_000_000n },
    },
    {
      // clamped to 100 cached: 100 × 300_000
      name: 'cached tokens above prompt tokens are clamped',
      prices: CACHED,
      tokens: { promptTokens: 100, cachedReadTokens: 250 },
      expected: { prompt: 30_000_000n, completion: 0n, cacheDiscount: 270_000_000n, total: 30_000_000n },
    },
    {
      // read 80 × 300_000 + write clamped to 20 × 3_750_000
      name: 'cache reads plus writes above prompt tokens are clamped',
      prices: CACHED,
      tokens: { promptTokens: 100, cachedReadTokens: 80, cacheWriteTokens: 50 },
      expected: { prompt: 99_000_000n, completion: 0n, cacheDiscount: 201_000_000n, total: 99_000_000n },
    },
    {
      // 300 × 15_000_000 + 200 × 10_000_000
      name: 'internal_reasoning priced',
      prices: REASONING,
      tokens: { promptTokens: 10, completionTokens: 500, reasoningTokens: 200 },
      expected: { prompt: 30_000_000n, completion: 6_500_000_000n, cacheDiscount: 0n, total: 6_530_000_000n },
    },
    {
      name: 'internal_reasoning unpriced: reasoning at the completion rate',
      prices: BASE,
      tokens: { promptTokens: 10, completionTokens: 500, reasoningTokens: 200 },
      expected: { prompt: 30_000_000n, completion: 7_500_000_000n, cacheDiscount: 0n, total: 7_530_000_000n },
    },
    {
      name: 'reasoning tokens above completion tokens are clamped',
      prices: REASONING,
      tokens: { completionTokens: 100, reasoningTokens: 300 },
      expected: { prompt: 0n, completion: 1_000_000_000n, cacheDiscount: 0n, total: 1_000_000_000n },
    },
    {
      // 37_500 × 3 = 112_500 picodollars: below a micro-dollar, still exact
      name: 'sub-micro prices stay exact',
      prices: { prompt: '0.00000002', completion: '0.0000000375' },
      tokens: { promptTokens: 7, completionTokens: 3 },
      expected: { prompt: 140_000n, completion: 112_500n, cacheDiscount: 0n, total: 252_500n },
    },
    {
      // 600 × 3_000_000 + 300 × 3_750_000 (5 min) + 100 × 6_000_000 (1 h) = 3_525_000_000
      name: '1-hour cache writes at input_cache_write_1h',
      prices: { ...CACHED, input_cache_write_1h: '0.000006' },
      tokens: { promptTokens: 1000, cacheWriteTokens: 400, cacheWrite1hTokens: 100 },
      expected: { prompt: 3_525_000_000n, completion: 0n, cacheDiscount: -525_000_000n, total: 3_525_000_000n },
    },
    {
      // without a 1 h price the 1 h writes fall back to the 5 min price: 600 × 3_000_000 + 400 × 3_750_000
      name: '1-hour cache writes without a 1 h price bill at the write price',
      prices: CACHED,
      tokens: { promptTokens: 1000, cacheWriteTokens: 400, cacheWrite1hTokens: 100 },
      expected: { prompt: 3_300_000_000n, completion: 0n, cacheDiscount: -300_000_000n, total: 3_300_000_000n },
    },
    {
      // 100 × 3_000_000 + 2 images × 1_445_000_000 ; 10 × 15_000_000
      name: 'images in the prompt at pricing.image each (prompt cost, no discount)',
      prices: { ...BASE, image: '0.001445' },
      tokens: { promptTokens: 100, completionTokens: 10, promptImages: 2 },
      expected: { prompt: 3_190_000_000n, completion: 150_000_000n, cacheDiscount: 0n, total: 3_340_000_000n },
    },
    {
      // prompt: 200 × 3_000_000 + 500 × 300_000 + 200 × 3_750_000 + 100 × 6_000_000 + 1 × 1_445_000_000 = 3_545_000_000
      // completion: 150 × 15_000_000 + 50 × 10_000_000 = 2_750_000_000 ; request fee 1_000_000_000
      // discount: 1000 × 3_000_000 − 2_100_000_000 (token part of the prompt) = 900_000_000
      name: 'every pricing field at once',
      prices: { ...CACHED, request: '0.001', image: '0.001445', input_cache_write_1h: '0.000006', internal_reasoning: '0.00001' },
      tokens: { promptTokens: 1000, cachedReadTokens: 500, cacheWriteTokens: 300, cacheWrite1hTokens: 100, completionTokens: 200, reasoningTokens: 50, promptImages: 1 },
      expected: { prompt: 3_545_000_000n, completion: 2_750_000_000n, cacheDiscount: 900_000_000n, total: 7_295_000_000n },
    },
    {
      // gemini-2.5-flash-image's prices: 1290 image tokens × 30_000_000 + 10 text × 2_500_000 ; 20 × 300_000
      name: 'generated images at image_output per image token, text at completion',
      prices: { prompt: '0.0000003', completion: '0.0000025', image_output: '0.00003' },
      tokens: { promptTokens: 20, completionTokens: 1300, completionImageTokens: 1290 },
      expected: { prompt: 6_000_000n, completion: 38_725_000_000n, cacheDiscount: 0n, total: 38_731_000_000n },
    },
    {
      // no image_output price: all 1300 completion tokens at 2_500_000
      name: 'generated images without an image_output price bill at the completion rate',
      prices: { prompt: '0.0000003', completion: '0.0000025' },
      tokens: { promptTokens: 20, completionTokens: 1300, completionImageTokens: 1290 },
      expected: { prompt: 6_000_000n, completion: 3_250_000_000n, cacheDiscount: 0n, total: 3_256_000_000n },
    },
    {
      name: 'free model',
      prices: { prompt: '0', completion: '0' },
      tokens: { promptTokens: 123_456, completionTokens: 7890, cachedReadTokens: 100 },
      expected: { prompt: 0n, completion: 0n, cacheDiscount: 0n, total: 0n },
    },
  ];

  for (const row of table) {
    it(row.name, () => {
      assert.deepEqual(computeCost({ tokens: tokens(row.tokens), prices: resolvePrices(row.prices) }), row.expected);
    });
  }

  it('charged=false costs nothing, request fee included', () => {
    const cost = computeCost({
      tokens: tokens({ promptTokens: 1000, completionTokens: 500 }),
      prices: resolvePrices({ ...WITH_FEE, ...CACHED }),
      charged: false,
    });
    assert.deepEqual(cost, { total: 0n, prompt: 0n, completion: 0n, cacheDiscount: 0n });
  });

  it('charged=true is the same as the default', () => {
    const options = { tokens: tokens({ promptTokens: 10, completionTokens: 5 }), prices: resolvePrices(WITH_FEE) };
    assert.deepEqual(computeCost({ ...options, charged: true }), computeCost(options));
  });

  it('large counts stay exact (no float rounding)', () => {
    const cost = computeCost({ tokens: tokens({ promptTokens: 2_000_000_000, completionTokens: 1 }), prices: resolvePrices({ prompt: '0.000000123456789', completion: '0' }) });
    // 123_457 pico (half-up at 1e-12) × 2e9
    assert.equal(cost.prompt, 246_914_000_000_000n);
  });
});
