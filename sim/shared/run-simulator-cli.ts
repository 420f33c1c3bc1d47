/**
 * The command line every simulator's `main.ts` shares: `--port`, `--host`, `--latency-ms` and
 * `--chunk-delay-ms`, prints where it listens, and closes cleanly on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';

/** What the CLI passes to a simulator's start function. */
export interface SimulatorCliOptions {
  port: number;
  host: string;
  latencyMs: number;
  chunkDelayMs: number;
}

/** How one simulator plugs into the shared CLI. */
export interface RunSimulatorCliOptions {
  /** Shown in the start-up line, e.g. `OpenAI`. */
  name: string;
  /** Port when `--port` is not given. */
  defaultPort: number;
  start(options: SimulatorCliOptions): Promise<{ url: string; close(): Promise<void> }>;
}

/** Parse the process arguments, start the simulator and keep it running until a signal. */
export async function runSimulatorCli(options: RunSimulatorCliOptions): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: String(options.defaultPort) },
      host: { type: 'string', default: '127.0.0.1' },
      'latency-ms': { type: 'string', default: '0' },
      'chunk-delay-ms': { type: 'string', default: '0' },
    },
  });
  const simulator = await options.start({
    port: Number(values.port),
    host: values.host,
    latencyMs: Number(values['latency-ms']),
    chunkDelayMs: Number(values['chunk-delay-ms']),
  });
  console.log(`${options.name} simulator listening on ${simulator.url}`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void simulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
