import Anthropic from '@anthropic-ai/sdk';
import type { AnthropicSimulator, AnthropicSimulatorOptions } from './anthropic-sim-types.js';
import { startAnthropicSimulator } from './start-anthropic-simulator.js';

/** Runs `body` against a fresh simulator and an official SDK client (no retries), then closes it. */
export async function withAnthropicSimulator(
  body: (sim: AnthropicSimulator, client: Anthropic) => Promise<void>,
  options: AnthropicSimulatorOptions = {},
): Promise<void> {
  const sim = await startAnthropicSimulator(options);
  try {
    await body(sim, new Anthropic({ baseURL: sim.url, apiKey: 'sk-ant-test', maxRetries: 0 }));
  } finally {
    await sim.close();
  }
}
