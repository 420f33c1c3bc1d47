import OpenAI from 'openai';
import { startOpenAISimulator, type OpenAISimulator } from './start-openai-simulator.js';

/**
 * Test helper: start a simulator, hand it and an official SDK client
 * (no retries, short timeout) to `fn`, and always close it afterwards so no
 * test can leave a socket or timer behind.
 */
export async function withOpenAISimulator(
  fn: (sim: OpenAISimulator, client: OpenAI) => Promise<void>,
  options: Parameters<typeof startOpenAISimulator>[0] = {},
): Promise<void> {
  const sim = await startOpenAISimulator(options);
  const client = new OpenAI({ apiKey: 'sk-test', baseURL: sim.url, maxRetries: 0, timeout: 4000 });
  try {
    await fn(sim, client);
  } finally {
    await sim.close();
  }
}
