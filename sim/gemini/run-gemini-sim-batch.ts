import { setTimeout as sleep } from 'node:timers/promises';
import { parseSimDirectives } from '../shared/parse-sim-directives.js';
import { postSimBatchLine, runSimBatchLines, type SimLineOutcome, type SimLineResult } from '../shared/run-sim-batch-lines.js';
import type { SimGeminiBatch, SimInlinedResponse } from './gemini-sim-batch-types.js';
import { readLastUserText } from './read-last-user-text.js';

export interface RunGeminiSimBatchOptions {
  batch: SimGeminiBatch;
  /** `http://127.0.0.1:PORT`: each request is POSTed to the simulator's own `generateContent`. */
  origin: string;
  /** The creator's `x-goog-api-key`, sent with every request. */
  apiKey: string;
  /** Pause before the batch starts running (PENDING → RUNNING). */
  stepMs: number;
  concurrency: number;
  /** Aborted when the simulator closes or resets. */
  signal: AbortSignal;
}

/** google.rpc canonical codes by the status names Gemini errors carry. */
const RPC_CODES: Record<string, number> = {
  CANCELLED: 1, UNKNOWN: 2, INVALID_ARGUMENT: 3, DEADLINE_EXCEEDED: 4, NOT_FOUND: 5, ALREADY_EXISTS: 6, PERMISSION_DENIED: 7, RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9, ABORTED: 10, OUT_OF_RANGE: 11, UNIMPLEMENTED: 12, INTERNAL: 13, UNAVAILABLE: 14, DATA_LOSS: 15, UNAUTHENTICATED: 16,
};

/**
 * Drive one batch: PENDING, then RUNNING with each request run against the simulator's own
 * `generateContent` (so every `[[sim:…]]` fault applies per request), then SUCCEEDED,
 * CANCELLED or EXPIRED with the inlined responses of the requests that ran, in input order.
 * A request asking `[[sim:batch_fail=1]]` fails the whole batch before anything runs.
 */
export async function runGeminiSimBatch(options: RunGeminiSimBatchOptions): Promise<void> {
  const { batch, signal } = options;
  const now = () => new Date().toISOString();
  const end = (state: SimGeminiBatch['state']): void => {
    batch.state = state;
    batch.updateTime = now();
    batch.endTime = batch.updateTime;
  };
  try {
    await sleep(options.stepMs, undefined, { signal });
  } catch {
    return;
  }
  if (batch.cancelRequested) return end('BATCH_STATE_CANCELLED');
  const prompts = batch.requests.map((entry) => parseSimDirectives(readLastUserText(entry.request.contents)).fault);
  if (prompts.some((fault) => fault.batch_fail)) {
    batch.error = { code: 13, message: 'The batch could not be processed. Please try again later.' };
    return end('BATCH_STATE_FAILED');
  }
  batch.state = 'BATCH_STATE_RUNNING';
  batch.updateTime = now();
  const model = batch.model.replace(/^models\//, '');
  const lines = batch.requests.map((entry, index) => ({
    customId: String(index),
    expire: prompts[index]?.batch_expire === true,
    run: (lineSignal: AbortSignal) => {
      const { model: _model, ...request } = entry.request;
      return postSimBatchLine({
        url: `${options.origin}/v1beta/models/${encodeURIComponent(model)}:generateContent`,
        headers: { 'x-goog-api-key': options.apiKey, 'x-sim-batch': batch.name },
        body: request,
        signal: lineSignal,
      });
    },
  }));
  const record = (result: SimLineResult): void => {
    if (result.outcome === 'cancelled' || result.outcome === 'expired') return; // never ran: no response
    const index = Number(result.line.customId);
    const response = toInlinedResponse(result.outcome, batch.requests[index]?.metadata);
    batch.responses[index] = response;
    if ('response' in response) batch.succeeded += 1;
    else batch.failed += 1;
    batch.updateTime = now();
  };
  const ending = await runSimBatchLines({ lines, concurrency: options.concurrency, cancelled: () => batch.cancelRequested, onResult: record, signal });
  if (ending === 'aborted') return;
  end(ending === 'completed' ? 'BATCH_STATE_SUCCEEDED' : ending === 'cancelled' ? 'BATCH_STATE_CANCELLED' : 'BATCH_STATE_EXPIRED');
}

/** A request's answer as an inlined response: the body of a 200, else its error as a google.rpc.Status. */
function toInlinedResponse(outcome: SimLineOutcome, metadata: Record<string, unknown> | undefined): SimInlinedResponse {
  const withMetadata = metadata ? { metadata } : {};
  if ('transportError' in outcome) return { error: { code: 13, message: 'Internal error encountered.' }, ...withMetadata };
  if (outcome.status === 200 && typeof outcome.body === 'object' && outcome.body !== null) return { response: outcome.body, ...withMetadata };
  const error = (outcome.body as { error?: { status?: unknown; message?: unknown; details?: unknown[] } } | null)?.error;
  const code = typeof error?.status === 'string' ? (RPC_CODES[error.status] ?? 2) : 13;
  const message = typeof error?.message === 'string' ? error.message : 'Internal error encountered.';
  return { error: { code, message, ...(error?.details ? { details: error.details } : {}) }, ...withMetadata };
}
