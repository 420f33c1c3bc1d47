import { startAnthropicSimulator } from '../../sim/anthropic/start-anthropic-simulator.js';
import type { AnthropicSimulator } from '../../sim/anthropic/anthropic-sim-types.js';
import { bootTestGateway, type BootedTestGateway } from './boot-test-gateway.js';

/** Prices of the test model `anthropic/claude-sim` (Claude Sonnet's), per token. */
export const CLAUDE_SIM_PRICES = {
  prompt: '0.000003',
  completion: '0.000015',
  input_cache_read: '0.0000003',
  input_cache_write: '0.00000375',
} as const;

export interface AnthropicStack extends BootedTestGateway {
  sim: AnthropicSimulator;
}

/**
 * Boots the Anthropic simulator and a real gateway with two Anthropic-protocol providers on
 * it: the `anthropic` preset (so built-in catalog models such as anthropic/claude-sonnet-4.5
 * work) and `anthropic-b`, and a model `anthropic/claude-sim` served by both, in that order,
 * with an output limit of 8192 tokens.
 */
export async function startAnthropicStack(): Promise<AnthropicStack> {
  const sim = await startAnthropicSimulator();
  const booted = await bootTestGateway({
    closeWith: [sim],
    dirPrefix: 'switchyard-anthropic-',
    keyName: 'anthropic e2e',
    inline: {
      providers: [
        { id: 'anthropic', base_url: sim.url, api_key: 'sk-ant-sim-a' },
        { id: 'anthropic-b', name: 'Anthropic B', protocol: 'anthropic', base_url: sim.url, api_key: 'sk-ant-sim-b' },
      ],
      models: [
        {
          id: 'anthropic/claude-sim',
          name: 'Anthropic: Claude Sim',
          context_length: 200000,
          endpoints: [
            { provider: 'anthropic', model: 'claude-sonnet-4-5', pricing: CLAUDE_SIM_PRICES, max_output: 8192 },
            { provider: 'anthropic-b', model: 'claude-sonnet-4-5', pricing: CLAUDE_SIM_PRICES, max_output: 8192 },
          ],
        },
      ],
    },
  });
  return { ...booted, sim };
}
