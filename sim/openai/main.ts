/**
 * CLI: `tsx sim/openai/main.ts [--port 9101] [--host 127.0.0.1] [--latency-ms N] [--chunk-delay-ms N]`.
 * Prints the base URL and runs until SIGINT/SIGTERM.
 */
import { runSimulatorCli } from '../shared/run-simulator-cli.js';
import { startOpenAISimulator } from './start-openai-simulator.js';

await runSimulatorCli({ name: 'OpenAI', defaultPort: 9101, start: startOpenAISimulator });
