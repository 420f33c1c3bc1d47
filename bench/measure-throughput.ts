import { createRequire } from 'node:module';
import { readProcessCpuMs } from './read-process-cpu.js';
import type { BenchTarget } from './start-bench-targets.js';

/** The part of autocannon's result this benchmark reads. */
interface AutocannonResult {
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
}
type Autocannon = (options: {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  duration: number;
  pipelining: number;
}) => Promise<AutocannonResult>;

// autocannon ships no types; take only the call shape above.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export interface ThroughputSample {
  /** Completed 2xx responses per second. */
  rps: number;
  ok: number;
  non2xx: number;
  /** Socket errors and timeouts. */
  errors: number;
  durationS: number;
  /** CPU time the target process spent per 2xx response, in µs (user + system). */
  cpuUsPerRequest: number | undefined;
}

export interface ThroughputOptions {
  connections: number;
  durationS: number;
  body: string;
}

/** Closed-loop non-streaming load with autocannon: as many requests as `connections` keep-alive sockets can push. */
export async function measureThroughput(target: BenchTarget, options: ThroughputOptions): Promise<ThroughputSample> {
  const cpuBefore = readProcessCpuMs(target.pid);
  const result = await autocannon({
    url: `${target.origin}${target.path}`,
    method: 'POST',
    headers: target.headers,
    body: options.body,
    connections: options.connections,
    duration: options.durationS,
    pipelining: 1,
  });
  const cpuAfter = readProcessCpuMs(target.pid);
  const ok = result['2xx'];
  const cpuUsPerRequest =
    cpuBefore !== undefined && cpuAfter !== undefined && ok > 0 ? ((cpuAfter - cpuBefore) * 1000) / ok : undefined;
  return {
    rps: ok / result.duration,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    durationS: result.duration,
    cpuUsPerRequest,
  };
}
