/**
 * CLI: `tsx sim/openai/main.ts [--port 9101] [--host 127.0.0.1] [--latency-ms N] [--chunk-delay-ms N]`.
 * Prints the base URL and runs until SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { startOpenAISimulator } from './start-openai-simulator.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '9101' },
    host: { type: 'string', default: '127.0.0.1' },
    'latency-ms': { type: 'string', default: '0' },
    'chunk-delay-ms': { type: 'string', default: '0' },
  },
});

const simulator = await startOpenAISimulator({
  port: Number(values.port),
  host: values.host,
  latencyMs: Number(values['latency-ms']),
  chunkDelayMs: Number(values['chunk-delay-ms']),
});
console.log(`OpenAI simulator listening on ${simulator.url}`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void simulator.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
