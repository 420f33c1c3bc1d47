/**
 * CLI: `tsx sim/anthropic/main.ts [--port 9102] [--host 127.0.0.1] [--latency-ms N] [--chunk-delay-ms N]`.
 * Prints the base URL and runs until SIGINT/SIGTERM.
 */
import { runSimulatorCli } from '../shared/run-simulator-cli.js';
import { startAnthropicSimulator } from './start-anthropic-simulator.js';

await runSimulatorCli({ name: 'Anthropic', defaultPort: 9102, start: startAnthropicSimulator });
