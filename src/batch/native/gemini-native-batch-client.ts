import type { Provider } from '../../core/provider-types.js';
import { parseGeminiError } from '../../protocols/gemini/gemini-error.js';
import { invalidResponse } from '../../protocols/shared/invalid-response.js';
import { scrubSecretText } from '../../protocols/shared/scrub-secrets.js';
import type { UpstreamClient } from '../../upstream/upstream-client.js';
import { checkBatchItems } from './check-batch-items.js';
import { readGeminiBatchOperation, streamGeminiBatchOperation, type GeminiBatchOperation, type GeminiInlinedResponse } from './gemini-batch-operation.js';
import type { NativeBatchClient, NativeBatchEndpoint, NativeBatchItem, NativeBatchResult, NativeBatchState, NativeBatchStatus, NativeBatchSubmission } from './native-batch-client.js';
import { fetchBatchJson, type BatchCallContext } from './send-batch-call.js';

const STATES: Record<string, NativeBatchState> = {
  BATCH_STATE_PENDING: 'running',
  BATCH_STATE_RUNNING: 'running',
  BATCH_STATE_SUCCEEDED: 'done',
  BATCH_STATE_FAILED: 'failed',
  BATCH_STATE_CANCELLED: 'cancelled',
  BATCH_STATE_EXPIRED: 'expired',
};

/** google.rpc canonical codes (what an inlined response's `error.code` is) → name and HTTP status. */
const RPC_CODES: Record<number, [string, number]> = {
  1: ['CANCELLED', 499], 2: ['UNKNOWN', 500], 3: ['INVALID_ARGUMENT', 400], 4: ['DEADLINE_EXCEEDED', 504], 5: ['NOT_FOUND', 404], 6: ['ALREADY_EXISTS', 409],
  7: ['PERMISSION_DENIED', 403], 8: ['RESOURCE_EXHAUSTED', 429], 9: ['FAILED_PRECONDITION', 400], 10: ['ABORTED', 409], 11: ['OUT_OF_RANGE', 400],
  12: ['UNIMPLEMENTED', 501], 13: ['INTERNAL', 500], 14: ['UNAVAILABLE', 503], 15: ['DATA_LOSS', 500], 16: ['UNAUTHENTICATED', 401],
};

/** A batch id as the API names it (`batches/{id}`); the id is one path segment. */
const BATCH_NAME = /^(?:batches\/)?([A-Za-z0-9_-]+)$/;
const DISPLAY_NAME_LIMIT = 128;

/**
 * Gemini API batch mode with inlined requests: one `models/{model}:batchGenerateContent` call
 * with every request's `GenerateContentRequest` (the item body) and its custom id as
 * `metadata.key`; the batch is a long-running operation (`batches/{id}`) whose responses come
 * back inlined, in input order, once it ends. One batch is one model (it is in the URL), so every
 * item must carry the same `model`. Vertex AI's batch prediction (Cloud Storage / BigQuery
 * input) is a different API, not spoken here.
 * @see https://ai.google.dev/gemini-api/docs/batch-mode
 */
export class GeminiNativeBatchClient implements NativeBatchClient {
  readonly protocol = 'gemini';
  /**
   * Inlined requests are for batches under 20 MB (the whole create request). The docs give no
   * count limit; 100,000 (Anthropic's) is the gateway's own bound, the byte limit binds first.
   */
  readonly limits = { maxItems: 100_000, maxBytes: 20 * 1024 * 1024 };
  readonly endpoints: readonly NativeBatchEndpoint[] = ['chat'];
  readonly #context: BatchCallContext;

  constructor(provider: Provider, upstream: UpstreamClient) {
    this.#context = { provider, upstream, readError: parseGeminiError };
  }

  async submit(submission: NativeBatchSubmission): Promise<{ nativeId: string }> {
    checkBatchItems(submission, this, { modelOf: modelOfItem });
    const model = modelOfItem(submission.items[0] as NativeBatchItem) as string;
    const requests = submission.items.map((item) => `{"request":${item.body},"metadata":{"key":${JSON.stringify(item.customId)}}}`).join(',');
    const body = `{"batch":{"displayName":${JSON.stringify(displayName(submission.metadata))},"inputConfig":{"requests":{"requests":[${requests}]}}}}`;
    checkBatchItems({ ...submission, bytes: Buffer.byteLength(body) }, this);
    const operation = await fetchBatchJson(this.#context, {
      url: `${this.#base}/models/${encodeURIComponent(model)}:batchGenerateContent`,
      method: 'POST',
      headers: this.#headers(true),
      body,
      signal: submission.signal,
    });
    if (typeof operation.name !== 'string' || !BATCH_NAME.test(operation.name)) throw invalidResponse(this.#context.provider.name, 'created batch has no name', JSON.stringify(operation).slice(0, 500));
    return { nativeId: operation.name };
  }

  async poll(nativeId: string, signal?: AbortSignal): Promise<NativeBatchStatus> {
    return toStatus(await readGeminiBatchOperation(this.#context, this.#get(nativeId, signal)));
  }

  async *results(nativeId: string, signal?: AbortSignal): AsyncIterable<NativeBatchResult> {
    const stream = streamGeminiBatchOperation(this.#context, this.#get(nativeId, signal), true);
    let next = await stream.next();
    while (!next.done) {
      yield toResult(next.value);
      next = await stream.next();
    }
    const status = toStatus(next.value);
    if (!status.resultsReady) throw invalidResponse(this.#context.provider.name, `batch ${nativeId} has no results (state ${next.value.state ?? 'unknown'})`, '');
  }

  async cancel(nativeId: string, signal?: AbortSignal): Promise<void> {
    try {
      await fetchBatchJson(this.#context, { url: `${this.#batchUrl(nativeId)}:cancel`, method: 'POST', headers: this.#headers(true), body: '{}', signal });
    } catch (error) {
      // Refused because it already ended: nothing left to stop.
      if ((await this.poll(nativeId, signal)).state === 'running') throw error;
    }
  }

  /** The provider's base URL includes the API version (`…/v1beta`), as for chat. */
  get #base(): string {
    return this.#context.provider.baseUrl;
  }

  #batchUrl(nativeId: string): string {
    const id = BATCH_NAME.exec(nativeId)?.[1];
    if (!id) throw invalidResponse(this.#context.provider.name, `not a Gemini batch name: ${nativeId.slice(0, 80)}`, '');
    return `${this.#base}/batches/${id}`;
  }

  #get(nativeId: string, signal: AbortSignal | undefined): { url: string; method: 'GET'; headers: Record<string, string>; signal?: AbortSignal } {
    return { url: this.#batchUrl(nativeId), method: 'GET', headers: this.#headers(false), signal };
  }

  /** Auth as the chat adapter sends it: the provider's headers, then `x-goog-api-key`. */
  #headers(json: boolean): Record<string, string> {
    const { provider } = this.#context;
    const headers: Record<string, string> = json ? { 'content-type': 'application/json', ...provider.headers } : { ...provider.headers };
    if (provider.apiKey) headers['x-goog-api-key'] = provider.apiKey;
    return headers;
  }
}

/** The item's upstream model without the `models/` prefix. */
function modelOfItem(item: NativeBatchItem): string | undefined {
  return item.model?.replace(/^models\//, '') || undefined;
}

/** Gemini batches have a display name, not metadata: the labels as `key=value` pairs. */
function displayName(metadata: Record<string, string> | undefined): string {
  const labels = Object.entries(metadata ?? {}).map(([key, value]) => `${key}=${value}`).join(' ');
  return (labels || 'switchyard batch').slice(0, DISPLAY_NAME_LIMIT);
}

function toStatus(operation: GeminiBatchOperation): NativeBatchStatus {
  const state: NativeBatchState = STATES[operation.state ?? ''] ?? (operation.done ? (operation.error ? 'failed' : 'done') : 'running');
  const total = readCount(operation.stats.requestCount);
  const succeeded = readCount(operation.stats.successfulRequestCount);
  const errored = readCount(operation.stats.failedRequestCount);
  // Once ended, requests that never ran (cancelled, expired) count as failed too.
  const failed = state === 'running' || state === 'failed' ? errored : Math.max(errored, total - succeeded);
  const status: NativeBatchStatus = { state, counts: { total, succeeded, failed }, resultsReady: state === 'done' || state === 'expired' || state === 'cancelled' };
  if (state === 'failed') status.message = scrubSecretText(typeof operation.error?.message === 'string' && operation.error.message ? operation.error.message : 'The batch failed');
  return status;
}

/** int64 counts arrive as JSON strings (`"3"`), and zeros are left out. */
function readCount(value: unknown): number {
  const count = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : 0;
  return Number.isSafeInteger(count) && count > 0 ? count : 0;
}

/** One inlined response as a result: the `GenerateContentResponse` JSON, or its google.rpc error. */
function toResult(entry: GeminiInlinedResponse): NativeBatchResult {
  const customId = typeof entry.metadata?.key === 'string' ? entry.metadata.key : '';
  if (entry.response !== undefined && entry.error === undefined) return { customId, ok: true, body: JSON.stringify(entry.response) };
  const error = entry.error ?? {};
  const code = typeof error.code === 'number' ? error.code : undefined;
  // An inlined error is a google.rpc.Status (canonical code); take an HTTP-style code as it is.
  const [name, status] = code === undefined ? [null, null] : code >= 100 ? [typeof error.status === 'string' ? error.status : null, code] : (RPC_CODES[code] ?? ['UNKNOWN', 500]);
  const message = typeof error.message === 'string' && error.message ? error.message : 'The request failed';
  return { customId, ok: false, error: { reason: 'upstream_error', status, code: typeof error.status === 'string' ? error.status : name, message: scrubSecretText(message) } };
}
