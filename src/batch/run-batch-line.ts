import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { InferenceCodec } from '../pipeline/inference-context.js';
import type { InferenceRunner } from '../pipeline/run-inference.js';
import { BatchExchange, type DescribeError, type LineAnswer } from './batch-exchange.js';
import type { InvalidLine, RunnableLine } from './parse-batch-input.js';

/** A line's entry in the output (ok) or error file, and the generation that answered it. */
export interface LineOutcome {
  ok: boolean;
  result: string;
  generationId: string | null;
}

export interface RunLineOptions {
  line: RunnableLine;
  batch: { id: string; keyHash: string };
  runner: InferenceRunner;
  codec: InferenceCodec;
  describeError: DescribeError;
  /** Retries of an upstream 429 (what failover could not avoid) before the line fails. */
  upstream429Retries: number;
  /** Aborted when the batch stops starting lines (cancel, expiry, the node stopping). */
  signal: AbortSignal;
  /** Called with the exchange while it runs, so a stopping node can abort it. */
  onExchange?: (exchange: BatchExchange | undefined) => void;
}

const FIRST_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 30_000;

/**
 * Runs one line through the inference stage list as the batch's key. The gateway's own rate
 * limiter refusing it (a 429 before acceptance) is waited out and retried for as long as the batch
 * runs, never a failure; an upstream 429 is retried with backoff a few times. Resolves undefined
 * when the batch stopped before the line could run.
 */
export async function runBatchLine(options: RunLineOptions): Promise<LineOutcome | undefined> {
  const { line, signal } = options;
  let upstreamRetries = 0;
  for (;;) {
    if (signal.aborted) return undefined;
    const exchange = new BatchExchange({ body: line.body, keyHash: options.batch.keyHash, batchId: options.batch.id, describeError: options.describeError });
    options.onExchange?.(exchange);
    let answer: LineAnswer;
    try {
      await options.runner.run({ exchange, codec: options.codec, route: 'batch' });
      answer = exchange.answer ?? { status: 500, headers: {}, body: { error: { code: 500, message: 'The gateway produced no response for this request' } } };
    } catch (error) {
      const reply = options.describeError(error);
      if (reply.status === 429) {
        // The key's own limits: wait for the window, then run the line again.
        if (!(await pause(retryAfterMs(reply.headers, FIRST_BACKOFF_MS), signal))) return undefined;
        continue;
      }
      answer = reply;
    } finally {
      options.onExchange?.(undefined);
    }
    if (answer.status === 429 && upstreamRetries < options.upstream429Retries) {
      const backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** upstreamRetries);
      upstreamRetries += 1;
      if (!(await pause(retryAfterMs(answer.headers, backoff), signal))) return undefined;
      continue;
    }
    return outcomeOf(line, answer);
  }
}

/** The error-file entry of a line that could not run (invalid, or left when the batch expired). */
export function invalidLineOutcome(line: Pick<InvalidLine, 'customId' | 'error'>): LineOutcome {
  return { ok: false, generationId: null, result: JSON.stringify({ id: newRequestId(), custom_id: line.customId, response: null, error: line.error }) };
}

/** A line's output- or error-file entry from what the pipeline answered for it. */
export function outcomeOf(line: Pick<RunnableLine, 'customId'>, answer: LineAnswer): LineOutcome {
  const generationId = answer.headers['x-generation-id'] ?? null;
  const ok = answer.status >= 200 && answer.status < 300;
  const result = { id: newRequestId(), custom_id: line.customId, response: { status_code: answer.status, request_id: generationId, body: answer.body }, error: null };
  return { ok, generationId, result: JSON.stringify(result) };
}

export function retryAfterMs(headers: Record<string, string>, fallback: number): number {
  const seconds = Number(headers['retry-after']);
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(MAX_BACKOFF_MS, seconds * 1000) : fallback;
}

/** Waits, or resolves false at once when the batch stops. */
export async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

/** "batch_req_<24 hex>", the id of one request's entry in OpenAI's output files. */
export function newRequestId(): string {
  return `batch_req_${randomBytes(12).toString('hex')}`;
}
