import { startGeminiSimulator, type GeminiSimulator } from '../../sim/gemini/start-gemini-simulator.js';
import { expectedCost, type TokenPrices } from './expected-cost.js';
import { startTestStack, type TestStack } from './start-test-stack.js';

/** Prices of the built-in `google/gemini-2.5-flash` endpoint on `google` (USD per token). */
export const GEMINI_FLASH_PRICES = { prompt: '0.0000003', completion: '0.0000025', input_cache_read: '0.00000003' } as const;

export interface GeminiStack extends TestStack {
  gemini: GeminiSimulator;
}

/**
 * The test stack plus a Gemini simulator serving as the `google` preset (AI Studio) and as a
 * second Gemini-protocol provider `google-b`, which backs the test model `sim/gemini-pair`
 * (google first, google-b second) for failover tests. Extra providers and models can be added.
 */
export async function startGeminiStack(options: { providers?: unknown[]; models?: unknown[]; gemini?: GeminiSimulator } = {}): Promise<GeminiStack> {
  const gemini = options.gemini ?? (await startGeminiSimulator());
  const stack = await startTestStack({
    config: {
      providers: [
        { id: 'google', base_url: gemini.geminiBaseUrl, api_key: 'gm-sim-key' },
        { id: 'google-b', name: 'Google B', protocol: 'gemini', base_url: gemini.geminiBaseUrl, api_key: 'gm-sim-key-b' },
        ...(options.providers ?? []),
      ],
      models: [
        {
          id: 'sim/gemini-pair',
          name: 'Sim: Gemini pair',
          context_length: 1_000_000,
          endpoints: [
            { provider: 'google', model: 'gemini-2.5-flash', pricing: GEMINI_FLASH_PRICES },
            { provider: 'google-b', model: 'gemini-2.5-flash', pricing: GEMINI_FLASH_PRICES },
          ],
        },
        ...(options.models ?? []),
      ],
    },
  });
  return {
    ...stack,
    gemini,
    async close() {
      await stack.close();
      await gemini.close();
    },
  };
}

/** Exact cost in USD from integer picodollars, as the gateway computes it. */
export function expectedGeminiCost(usage: { prompt: number; completion: number; cached?: number }, prices: TokenPrices = GEMINI_FLASH_PRICES): number {
  return expectedCost({ prompt: usage.prompt, completion: usage.completion, cacheRead: usage.cached }, prices);
}
