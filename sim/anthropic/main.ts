/**
 * CLI: `tsx sim/anthropic/main.ts [--port 9102] [--host 127.0.0.1] [--latency-ms N] [--chunk-delay-ms N]`.
 * Prints the base URL and runs until SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { startAnthropicSimulator } from './start-anthropic-simulator.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '9102' },
    host: { type: 'string', default: '127.0.0.1' },
    'latency-ms': { type: 'string', default: '0' },
    'chunk-delay-ms': { type: 'string', default: '0' },
  },
});

const simulator = await startAnthropicSimulator({
  port: Number(values.port),
  host: values.host,
  latencyMs: Number(values['latency-ms']),
  chunkDelayMs: Number(values['chunk-delay-ms']),
});
console.log(`Anthropic simulator listening on ${simulator.url}`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void simulator.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
