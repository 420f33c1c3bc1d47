import type { Logger } from 'pino';
import { startOpenAISimulator } from '../../sim/openai/start-openai-simulator.js';
import type { OpenAISimulator } from '../../sim/openai/openai-sim-types.js';
import { bootTestGateway, TEST_ADMIN_KEY, type BootedTestGateway } from './boot-test-gateway.js';

export { TEST_ADMIN_KEY };

/** Prices of the test model `sim/echo`, per token. */
export const ECHO_PRICES = { prompt: '0.000001', completion: '0.000002', input_cache_read: '0.0000001' } as const;

export interface TestStack extends BootedTestGateway {
  sim: OpenAISimulator;
}

/**
 * Boots the OpenAI simulator and a real gateway (SQLite in a temp dir, port 0) with two
 * providers on the simulator (`sim-a`, `sim-b`) serving `sim/echo`, plus the `openai`
 * preset pointed at the simulator so built-in catalog models (openai/gpt-4o-mini) work.
 */
export async function startTestStack(
  options: {
    config?: Record<string, unknown> | ((simUrl: string) => Record<string, unknown>);
    logger?: Logger;
    now?: () => Date;
    /** Routing's clock (outage windows, stickiness) and random source. */
    routingNow?: () => number;
    random?: () => number;
    /** More provider entries, appended to the default ones (they may point at the simulator). */
    extraProviders?: (simUrl: string) => Array<Record<string, unknown>>;
    /** More model entries, appended to `sim/echo` (a later entry with a built-in id overrides it). */
    extraModels?: Array<Record<string, unknown>>;
  } = {},
): Promise<TestStack> {
  const sim = await startOpenAISimulator();
  const booted = await bootTestGateway({
    closeWith: [sim],
    now: options.now,
    logger: options.logger,
    routingNow: options.routingNow,
    random: options.random ?? (() => 0),
    inline: {
      // Deterministic routing for tests of other features: no outage window, no circuit breaker,
      // and (above) a random source of 0, so equal-price endpoints are tried in catalog order.
      // The failover suites turn health back on through `config.routing`.
      routing: { outage_window_ms: 0, circuit_breaker: { enabled: false } },
      providers: [
        { id: 'sim-a', name: 'Sim A', base_url: sim.url, api_key: 'sk-sim-a' },
        { id: 'sim-b', name: 'Sim B', base_url: sim.url, api_key: 'sk-sim-b' },
        { id: 'openai', base_url: sim.url, api_key: 'sk-sim-openai' },
        ...(options.extraProviders?.(sim.url) ?? []),
      ],
      models: [
        {
          id: 'sim/echo',
          name: 'Sim: Echo',
          context_length: 32000,
          endpoints: [
            { provider: 'sim-a', model: 'echo-1', pricing: ECHO_PRICES },
            { provider: 'sim-b', model: 'echo-1', pricing: ECHO_PRICES },
          ],
        },
        ...(options.extraModels ?? []),
      ],
      ...(typeof options.config === 'function' ? options.config(sim.url) : options.config),
    },
  });
  return { ...booted, sim };
}
