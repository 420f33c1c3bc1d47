import { setMaxListeners } from 'node:events';
import { Pool } from 'undici';
import { readProcessMemory } from './read-process-memory.js';
import type { BenchTarget } from './start-bench-targets.js';

export interface SlowStreamsOptions {
  /** Streams open at once. */
  streams: number;
  /** The upstream's pause between two content chunks, ms (the simulator's `chunk_delay`). */
  chunkDelayMs: number;
  /** Content chunks (words) per stream: a stream lasts about chunks × chunkDelayMs. */
  chunks: number;
  /** Give up on the streams after this long, s. */
  timeoutS: number;
}

export interface SlowStreamsSample {
  streams: number;
  /** Streams that ended with `data: [DONE]` and every chunk. */
  completed: number;
  non2xx: number;
  /** Socket errors, timeouts and streams cut short. */
  errors: number;
  /** Resident memory of the target's process just before the streams opened, MB. */
  rssBeforeMb: number;
  /** The largest resident memory sampled (every 100 ms) while they were open, MB. */
  rssPeakMb: number;
  /** From the first request to the last stream's end, s. */
  durationS: number;
}

const SAMPLE_MS = 100;
const CONTENT_DELTA_ALL = /"content":"[^"]/g;

/** The chat body for one slow stream: the simulator paces its chunks as the prompt's directive says. */
export function slowStreamBody(model: string, options: Pick<SlowStreamsOptions, 'chunkDelayMs' | 'chunks'>): string {
  return JSON.stringify({
    model,
    stream: true,
    messages: [{ role: 'user', content: `Say something back, slowly. [[sim:words=${options.chunks} chunk_delay=${options.chunkDelayMs}]]` }],
  });
}

/**
 * Opens `streams` streamed completions at once against a target whose upstream sends a chunk every
 * `chunkDelayMs`, reads them all to the end, and samples the target process's resident memory the
 * whole time: what holding many long-lived, mostly idle streams costs (issue #14: ≤ 200 MB at 1,000).
 */
export async function measureSlowStreams(target: BenchTarget, options: SlowStreamsOptions): Promise<SlowStreamsSample> {
  const pool = new Pool(target.origin, { connections: options.streams, pipelining: 1, headersTimeout: options.timeoutS * 1000, bodyTimeout: options.timeoutS * 1000 });
  const body = slowStreamBody(target.model, options);
  const rssBeforeMb = readProcessMemory(target.pid)?.rssMb ?? Number.NaN;
  let rssPeakMb = rssBeforeMb;
  const sampler = setInterval(() => {
    const rss = readProcessMemory(target.pid)?.rssMb;
    if (rss !== undefined && !(rss <= rssPeakMb)) rssPeakMb = rss;
  }, SAMPLE_MS);
  const abort = AbortSignal.timeout(options.timeoutS * 1000);
  setMaxListeners(0, abort); // one deadline shared by every stream
  let completed = 0;
  let non2xx = 0;
  let errors = 0;
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: options.streams }, async () => {
        try {
          const { statusCode, body: stream } = await pool.request({ path: target.path, method: 'POST', headers: target.headers, body, signal: abort });
          const text = await stream.text();
          if (statusCode < 200 || statusCode > 299) non2xx += 1;
          else if (text.includes('data: [DONE]') && (text.match(CONTENT_DELTA_ALL)?.length ?? 0) >= options.chunks) completed += 1;
          else errors += 1;
        } catch {
          errors += 1;
        }
      }),
    );
  } finally {
    clearInterval(sampler);
    await pool.destroy();
  }
  const rssAfter = readProcessMemory(target.pid)?.rssMb;
  if (rssAfter !== undefined && rssAfter > rssPeakMb) rssPeakMb = rssAfter;
  return { streams: options.streams, completed, non2xx, errors, rssBeforeMb, rssPeakMb, durationS: (performance.now() - started) / 1000 };
}
