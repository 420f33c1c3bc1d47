/**
 * Gemini batch mode as the simulator keeps it and renders it: a batch is a long-running
 * operation (`batches/{id}`) whose `metadata` is the `GenerateContentBatch` and whose
 * `response`, once done, is the `GenerateContentBatchOutput` with the inlined responses.
 * @see https://ai.google.dev/api/batch-mode
 */

export type SimGeminiBatchState = 'BATCH_STATE_PENDING' | 'BATCH_STATE_RUNNING' | 'BATCH_STATE_SUCCEEDED' | 'BATCH_STATE_FAILED' | 'BATCH_STATE_CANCELLED' | 'BATCH_STATE_EXPIRED';

/** One inlined request: a `GenerateContentRequest` and the caller's metadata (`key`). */
export interface SimInlinedRequest {
  request: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

/** One inlined response, in input order: the `GenerateContentResponse` or a `google.rpc.Status`. */
export type SimInlinedResponse =
  | { response: unknown; metadata?: Record<string, unknown> }
  | { error: { code: number; message: string; details?: unknown[] }; metadata?: Record<string, unknown> };

/** A batch as the simulator holds it; `renderGeminiBatch` turns it into the operation JSON. */
export interface SimGeminiBatch {
  /** `batches/{id}`. */
  name: string;
  /** `models/{model}`. */
  model: string;
  displayName: string;
  priority: string | undefined;
  state: SimGeminiBatchState;
  createTime: string;
  updateTime: string;
  endTime: string | undefined;
  requests: SimInlinedRequest[];
  /** By input position; a request that never ran has none. */
  responses: Array<SimInlinedResponse | undefined>;
  succeeded: number;
  failed: number;
  /** The client asked to cancel; the runner starts no more requests. */
  cancelRequested: boolean;
  /** Why a `BATCH_STATE_FAILED` batch failed. */
  error: { code: number; message: string } | undefined;
}

const TERMINAL: ReadonlySet<SimGeminiBatchState> = new Set(['BATCH_STATE_SUCCEEDED', 'BATCH_STATE_FAILED', 'BATCH_STATE_CANCELLED', 'BATCH_STATE_EXPIRED']);

export function isTerminal(state: SimGeminiBatchState): boolean {
  return TERMINAL.has(state);
}

/** int64 counts are JSON strings, and proto3 JSON leaves out zeros. */
function count(value: number): string | undefined {
  return value > 0 ? String(value) : undefined;
}

/**
 * The operation `GET /v1beta/batches/{id}` returns. Like the real API, a finished batch carries
 * its responses twice: in `metadata.output` and in `response`.
 */
export function renderGeminiBatch(batch: SimGeminiBatch): Record<string, unknown> {
  const done = isTerminal(batch.state);
  const pending = batch.requests.length - batch.succeeded - batch.failed;
  const ran = batch.responses.filter((entry): entry is SimInlinedResponse => entry !== undefined);
  const output = done && batch.state !== 'BATCH_STATE_FAILED' ? { inlinedResponses: { inlinedResponses: ran } } : undefined;
  const metadata: Record<string, unknown> = {
    '@type': 'type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch',
    model: batch.model,
    displayName: batch.displayName,
    ...(output ? { output } : {}),
    createTime: batch.createTime,
    ...(batch.endTime ? { endTime: batch.endTime } : {}),
    updateTime: batch.updateTime,
    batchStats: JSON.parse(
      JSON.stringify({
        requestCount: count(batch.requests.length),
        successfulRequestCount: count(batch.succeeded),
        failedRequestCount: count(batch.failed),
        pendingRequestCount: done ? undefined : count(pending),
      }),
    ) as Record<string, string>,
    state: batch.state,
    name: batch.name,
    ...(batch.priority !== undefined ? { priority: batch.priority } : {}),
  };
  const operation: Record<string, unknown> = { name: batch.name, metadata };
  if (!done) return operation;
  operation.done = true;
  if (batch.error) operation.error = batch.error;
  else operation.response = { '@type': 'type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatchOutput', ...output };
  return operation;
}
