import { Pool } from 'undici';
import { pickPercentile } from './pick-percentile.js';
import type { BenchTarget } from './start-bench-targets.js';

export interface LatencySample {
  /** Requests sent per second, as paced. */
  rate: number;
  durationS: number;
  /** Requests answered (any status); rate × durationS when the target kept up. */
  count: number;
  non2xx: number;
  errors: number;
  /** Milliseconds, from microsecond-resolution timings. */
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface LatencyOptions {
  /** Requests per second, open loop (sent on schedule whether or not earlier ones answered). */
  rate: number;
  durationS: number;
  body: string;
  /** Keep-alive sockets in the client pool. */
  connections: number;
}

const TICK_MS = 1;

/**
 * Non-streaming latency at a fixed request rate: each request is timed with
 * `process.hrtime.bigint()` from just before it is handed to the undici pool
 * to the last byte of its body. Pacing is open loop, so a slow target gets
 * a queue rather than fewer requests.
 */
export async function measureLatency(target: BenchTarget, options: LatencyOptions): Promise<LatencySample> {
  const pool = new Pool(target.origin, { connections: options.connections, pipelining: 1, keepAliveTimeout: 30_000 });
  const latenciesNs: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const inFlight = new Set<Promise<void>>();

  const fire = (): void => {
    const started = process.hrtime.bigint();
    const done = pool
      .request({ path: target.path, method: 'POST', headers: target.headers, body: options.body })
      .then(async ({ statusCode, body }) => {
        await body.text();
        latenciesNs.push(Number(process.hrtime.bigint() - started));
        if (statusCode < 200 || statusCode > 299) non2xx += 1;
      })
      .catch(() => {
        errors += 1;
      })
      .finally(() => inFlight.delete(done));
    inFlight.add(done);
  };

  try {
    const total = Math.round(options.rate * options.durationS);
    const intervalNs = 1e9 / options.rate;
    const start = process.hrtime.bigint();
    let sent = 0;
    while (sent < total) {
      const elapsedNs = Number(process.hrtime.bigint() - start);
      const due = Math.min(total, Math.floor(elapsedNs / intervalNs) + 1);
      while (sent < due) {
        fire();
        sent += 1;
      }
      await new Promise((resolve) => setTimeout(resolve, TICK_MS));
    }
    await Promise.all(inFlight);
  } finally {
    await pool.close();
  }

  const sorted = Float64Array.from(latenciesNs).sort();
  const ms = (ns: number): number => ns / 1e6;
  return {
    rate: options.rate,
    durationS: options.durationS,
    count: sorted.length,
    non2xx,
    errors,
    p50Ms: ms(pickPercentile(sorted, 50)),
    p90Ms: ms(pickPercentile(sorted, 90)),
    p99Ms: ms(pickPercentile(sorted, 99)),
    maxMs: ms(sorted.at(-1) ?? Number.NaN),
  };
}
