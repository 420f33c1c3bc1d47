/**
 * CLI: `tsx sim/bedrock/main.ts [--port 9103] [--host 127.0.0.1] [--latency-ms N] [--chunk-delay-ms N]`.
 * Prints the endpoint URL (for BEDROCK_BASE_URL) and runs until SIGINT/SIGTERM. Accepts any
 * well-formed SigV4 signature or bearer token.
 */
import { parseArgs } from 'node:util';
import { startBedrockSimulator } from './start-bedrock-simulator.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '9103' },
    host: { type: 'string', default: '127.0.0.1' },
    'latency-ms': { type: 'string', default: '0' },
    'chunk-delay-ms': { type: 'string', default: '0' },
  },
});

const simulator = await startBedrockSimulator({
  port: Number(values.port),
  host: values.host,
  latencyMs: Number(values['latency-ms']),
  chunkDelayMs: Number(values['chunk-delay-ms']),
});
console.log(`Bedrock simulator listening on ${simulator.url}`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void simulator.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
