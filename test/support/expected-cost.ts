/** Per-token USD prices as a price sheet states them; cache prices fall back to `prompt`. */
export interface TokenPrices {
  prompt: string;
  completion: string;
  input_cache_read?: string;
  input_cache_write?: string;
}

/**
 * Hand-computed cost in USD, on integer picodollars as the gateway bills it (so the test
 * can compare with `===`). `prompt` counts every input token, cache reads and writes included.
 */
export function expectedCost(usage: { prompt: number; completion: number; cacheRead?: number; cacheWrite?: number }, prices: TokenPrices): number {
  const pico = (usd: string) => BigInt(Math.round(Number(usd) * 1e12));
  const read = usage.cacheRead ?? 0;
  const write = usage.cacheWrite ?? 0;
  const total =
    BigInt(usage.prompt - read - write) * pico(prices.prompt) +
    BigInt(read) * pico(prices.input_cache_read ?? prices.prompt) +
    BigInt(write) * pico(prices.input_cache_write ?? prices.prompt) +
    BigInt(usage.completion) * pico(prices.completion);
  return Number(total) / 1e12;
}
