/**
 * CLI: `tsx sim/bedrock/main.ts [--port 9103] [--host 127.0.0.1] [--latency-ms N] [--chunk-delay-ms N]`.
 * Prints the endpoint URL (for BEDROCK_BASE_URL) and runs until SIGINT/SIGTERM. Accepts any
 * well-formed SigV4 signature or bearer token.
 */
import { runSimulatorCli } from '../shared/run-simulator-cli.js';
import { startBedrockSimulator } from './start-bedrock-simulator.js';

await runSimulatorCli({ name: 'Bedrock', defaultPort: 9103, start: startBedrockSimulator });
