import { setTimeout as sleep } from 'node:timers/promises';
import { parseSimDirectives } from '../shared/parse-sim-directives.js';
import { postSimBatchLine, runSimBatchLines, type SimLineResult } from '../shared/run-sim-batch-lines.js';
import { readAnthropicPrompt } from './read-anthropic-prompt.js';

/** A Message Batch as `GET /v1/messages/batches/{id}` returns it. */
export interface SimMessageBatch {
  id: string;
  type: 'message_batch';
  processing_status: 'in_progress' | 'canceling' | 'ended';
  request_counts: { processing: number; succeeded: number; errored: number; canceled: number; expired: number };
  ended_at: string | null;
  created_at: string;
  expires_at: string;
  archived_at: string | null;
  cancel_initiated_at: string | null;
  results_url: string | null;
}

/** One request of a batch: `custom_id` and the Messages API `params`. */
export interface SimBatchRequest {
  custom_id: string;
  params: Record<string, unknown>;
}

export interface RunAnthropicSimBatchOptions {
  batch: SimMessageBatch;
  requests: SimBatchRequest[];
  /** Results lines, appended as requests end (JSONL without newlines). */
  results: string[];
  /** `http://127.0.0.1:PORT`: the requests are POSTed to the simulator's own `/v1/messages`. */
  origin: string;
  /** The creator's credential headers (`x-api-key` or `authorization`) and `anthropic-version`. */
  headers: Record<string, string>;
  stepMs: number;
  concurrency: number;
  signal: AbortSignal;
}

/**
 * Run a Message Batch: each request against the simulator's own `/v1/messages`, results
 * recorded as `succeeded` / `errored` / `canceled` / `expired`, then `ended` with a results URL.
 * @see https://docs.anthropic.com/en/api/creating-message-batches
 */
export async function runAnthropicSimBatch(options: RunAnthropicSimBatchOptions): Promise<void> {
  const { batch, signal } = options;
  try {
    await sleep(options.stepMs, undefined, { signal });
  } catch {
    return;
  }
  const lines = options.requests.map((request) => ({
    customId: request.custom_id,
    expire: parseSimDirectives(readAnthropicPrompt(request.params.messages).text).fault.batch_expire === true,
    run: async (lineSignal: AbortSignal) => {
      // A batch request never streams: Anthropic refuses `stream` in batch params.
      if (request.params.stream === true) return { status: 400, requestId: '', body: { type: 'error', error: { type: 'invalid_request_error', message: 'stream: Streaming is not supported in the Message Batches API.' } } };
      return postSimBatchLine({ url: `${options.origin}/v1/messages`, headers: { ...options.headers, 'x-sim-batch': batch.id }, body: request.params, signal: lineSignal });
    },
  }));
  const record = (result: SimLineResult): void => {
    const { entry, count } = toResult(result);
    options.results.push(JSON.stringify({ custom_id: result.line.customId, result: entry }));
    batch.request_counts.processing -= 1;
    batch.request_counts[count] += 1;
  };
  const ending = await runSimBatchLines({ lines, concurrency: options.concurrency, cancelled: () => batch.processing_status === 'canceling', onResult: record, signal });
  if (ending === 'aborted') return;
  batch.processing_status = 'ended';
  batch.ended_at = new Date().toISOString();
  batch.results_url = `${options.origin}/v1/messages/batches/${batch.id}/results`;
}

type Count = 'succeeded' | 'errored' | 'canceled' | 'expired';

function toResult(result: SimLineResult): { entry: Record<string, unknown>; count: Count } {
  const { outcome } = result;
  if (outcome === 'cancelled') return { entry: { type: 'canceled' }, count: 'canceled' };
  if (outcome === 'expired') return { entry: { type: 'expired' }, count: 'expired' };
  if ('transportError' in outcome) {
    return { entry: { type: 'errored', error: { type: 'error', error: { type: 'api_error', message: 'Internal server error' } } }, count: 'errored' };
  }
  if (outcome.status === 200 && typeof outcome.body === 'object') return { entry: { type: 'succeeded', message: outcome.body }, count: 'succeeded' };
  const body = typeof outcome.body === 'object' && outcome.body !== null ? outcome.body : { type: 'error', error: { type: 'api_error', message: 'Internal server error' } };
  return { entry: { type: 'errored', error: body }, count: 'errored' };
}
