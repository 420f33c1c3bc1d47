import { Pool } from 'undici';
import { pickPercentile } from './pick-percentile.js';
import type { BenchTarget } from './start-bench-targets.js';

export interface StreamingSample {
  /** Time to first token: first SSE event carrying non-empty `delta.content`, at a paced rate. */
  ttft: { rate: number; count: number; p50Ms: number; p99Ms: number };
  /** Closed loop at `concurrency` streams: content chunks delivered per second. */
  chunksPerS: number;
  streamsPerS: number;
  concurrency: number;
  /** Content chunks in one stream (same for every target when nothing is lost). */
  chunksPerStream: number;
  non2xx: number;
  /** Socket errors and streams that ended without `data: [DONE]`. */
  errors: number;
}

export interface StreamingOptions {
  body: string;
  ttftRate: number;
  ttftDurationS: number;
  concurrency: number;
  durationS: number;
}

interface StreamResult {
  ok: boolean;
  status: number;
  ttftNs: number;
  contentChunks: number;
}

// A content delta with at least one character; the role chunk carries `"content":""`.
const CONTENT_DELTA = /"content":"[^"]/;
const CONTENT_DELTA_ALL = /"content":"[^"]/g;

/** Streaming TTFT (open loop, paced) and chunk throughput (closed loop) for one target. */
export async function measureStreaming(target: BenchTarget, options: StreamingOptions): Promise<StreamingSample> {
  const pool = new Pool(target.origin, { connections: Math.max(options.concurrency, 16), pipelining: 1 });
  let non2xx = 0;
  let errors = 0;
  const tally = (result: StreamResult | undefined): void => {
    if (!result) errors += 1;
    else if (result.status < 200 || result.status > 299) non2xx += 1;
    else if (!result.ok) errors += 1;
  };

  try {
    // Phase 1: TTFT at a fixed, moderate stream rate.
    const ttftNs: number[] = [];
    const pending: Promise<void>[] = [];
    const total = Math.round(options.ttftRate * options.ttftDurationS);
    const intervalNs = 1e9 / options.ttftRate;
    const start = process.hrtime.bigint();
    let sent = 0;
    while (sent < total) {
      const due = Math.min(total, Math.floor(Number(process.hrtime.bigint() - start) / intervalNs) + 1);
      for (; sent < due; sent++) {
        pending.push(
          runStream(pool, target, options.body).then((result) => {
            tally(result);
            if (result?.ok) ttftNs.push(result.ttftNs);
          }),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await Promise.all(pending);
    const sorted = Float64Array.from(ttftNs).sort();

    // Phase 2: chunk throughput with `concurrency` streams always open.
    let chunks = 0;
    let streams = 0;
    let chunksPerStream = 0;
    const loadStart = process.hrtime.bigint();
    const endNs = BigInt(Math.round(options.durationS * 1e9));
    const worker = async (): Promise<void> => {
      while (process.hrtime.bigint() - loadStart < endNs) {
        const result = await runStream(pool, target, options.body);
        tally(result);
        if (result?.ok) {
          chunks += result.contentChunks;
          streams += 1;
          chunksPerStream = result.contentChunks;
        }
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    const elapsedS = Number(process.hrtime.bigint() - loadStart) / 1e9;

    return {
      ttft: {
        rate: options.ttftRate,
        count: sorted.length,
        p50Ms: pickPercentile(sorted, 50) / 1e6,
        p99Ms: pickPercentile(sorted, 99) / 1e6,
      },
      chunksPerS: chunks / elapsedS,
      streamsPerS: streams / elapsedS,
      concurrency: options.concurrency,
      chunksPerStream,
      non2xx,
      errors,
    };
  } finally {
    await pool.close();
  }
}

/** One streamed completion; `undefined` on a socket error. */
async function runStream(pool: Pool, target: BenchTarget, body: string): Promise<StreamResult | undefined> {
  const started = process.hrtime.bigint();
  try {
    const { statusCode, body: stream } = await pool.request({
      path: target.path,
      method: 'POST',
      headers: target.headers,
      body,
    });
    if (statusCode < 200 || statusCode > 299) {
      await stream.text();
      return { ok: false, status: statusCode, ttftNs: 0, contentChunks: 0 };
    }
    stream.setEncoding('utf8');
    let text = '';
    let ttftNs = 0;
    for await (const piece of stream as AsyncIterable<string>) {
      if (ttftNs === 0) {
        // Look across the piece boundary: a match may straddle two reads.
        const window = text.slice(-16) + piece;
        if (CONTENT_DELTA.test(window)) ttftNs = Number(process.hrtime.bigint() - started);
      }
      text += piece;
    }
    const contentChunks = text.match(CONTENT_DELTA_ALL)?.length ?? 0;
    return { ok: ttftNs > 0 && text.includes('data: [DONE]'), status: statusCode, ttftNs, contentChunks };
  } catch {
    return undefined;
  }
}
