import { randomBytes } from 'node:crypto';
import type { Provider } from '../../core/provider-types.js';
import { parseOpenAIChatError } from '../../protocols/openai-chat/openai-chat-error.js';
import { invalidResponse } from '../../protocols/shared/invalid-response.js';
import { scrubSecretText } from '../../protocols/shared/scrub-secrets.js';
import type { UpstreamClient } from '../../upstream/upstream-client.js';
import { checkBatchItems, toSingleLineJson } from './check-batch-items.js';
import type { NativeBatchClient, NativeBatchEndpoint, NativeBatchResult, NativeBatchState, NativeBatchStatus, NativeBatchSubmission } from './native-batch-client.js';
import { fetchBatchJson, fetchBatchJsonl, type BatchCallContext } from './send-batch-call.js';

const ENDPOINT_PATHS: Record<NativeBatchEndpoint, string> = { chat: '/v1/chat/completions', embeddings: '/v1/embeddings' };

const STATES: Record<string, NativeBatchState> = {
  validating: 'running',
  in_progress: 'running',
  finalizing: 'running',
  cancelling: 'running',
  completed: 'done',
  failed: 'failed',
  expired: 'expired',
  cancelled: 'cancelled',
};

/**
 * OpenAI's Batch API: the items become a JSONL file (`{custom_id, method, url, body}` per line)
 * uploaded with `purpose=batch`, then a batch over it with a 24 h window; results come from the
 * output file (200s) and the error file (everything else). One batch is one model.
 * @see https://platform.openai.com/docs/guides/batch
 */
export class OpenAINativeBatchClient implements NativeBatchClient {
  readonly protocol = 'openai';
  /** 50,000 requests and 200 MB per input file. */
  readonly limits = { maxItems: 50_000, maxBytes: 200 * 1024 * 1024 };
  readonly endpoints: readonly NativeBatchEndpoint[] = ['chat', 'embeddings'];
  readonly #context: BatchCallContext;

  constructor(provider: Provider, upstream: UpstreamClient) {
    this.#context = { provider, upstream, readError: parseOpenAIChatError };
  }

  async submit(submission: NativeBatchSubmission): Promise<{ nativeId: string }> {
    checkBatchItems(submission, this);
    const path = ENDPOINT_PATHS[submission.endpoint];
    const jsonl = submission.items.map((item) => `{"custom_id":${JSON.stringify(item.customId)},"method":"POST","url":"${path}","body":${toSingleLineJson(item.body)}}\n`).join('');
    checkBatchItems({ ...submission, bytes: Buffer.byteLength(jsonl) }, this);
    const boundary = `switchyard-${randomBytes(12).toString('hex')}`;
    const form =
      `--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nbatch\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="switchyard-batch.jsonl"\r\nContent-Type: application/jsonl\r\n\r\n` +
      `${jsonl}\r\n--${boundary}--\r\n`;
    const file = await fetchBatchJson(this.#context, {
      url: `${this.#base}/files`,
      method: 'POST',
      headers: this.#headers(`multipart/form-data; boundary=${boundary}`),
      body: form,
      signal: submission.signal,
    });
    const batch = await fetchBatchJson(this.#context, {
      url: `${this.#base}/batches`,
      method: 'POST',
      headers: this.#headers('application/json'),
      body: JSON.stringify({ input_file_id: file.id, endpoint: path, completion_window: '24h', ...(submission.metadata ? { metadata: submission.metadata } : {}) }),
      signal: submission.signal,
    });
    if (typeof batch.id !== 'string') throw invalidResponse(this.#context.provider.name, 'created batch has no id', JSON.stringify(batch));
    return { nativeId: batch.id };
  }

  async poll(nativeId: string, signal?: AbortSignal): Promise<NativeBatchStatus> {
    const batch = await this.#retrieve(nativeId, signal);
    const state = STATES[String(batch.status)] ?? 'running';
    const counts = (batch.request_counts ?? {}) as { total?: number; completed?: number; failed?: number };
    const status: NativeBatchStatus = {
      state,
      counts: { total: counts.total ?? 0, succeeded: counts.completed ?? 0, failed: counts.failed ?? 0 },
      resultsReady: state === 'done' || state === 'expired' || state === 'cancelled',
    };
    if (state === 'failed') status.message = describeBatchErrors(batch.errors);
    return status;
  }

  async *results(nativeId: string, signal?: AbortSignal): AsyncIterable<NativeBatchResult> {
    const batch = await this.#retrieve(nativeId, signal);
    for (const fileId of [batch.output_file_id, batch.error_file_id]) {
      if (typeof fileId !== 'string' || fileId === '') continue;
      const lines = fetchBatchJsonl(this.#context, { url: `${this.#base}/files/${encodeURIComponent(fileId)}/content`, method: 'GET', headers: this.#headers(), signal });
      for await (const line of lines) yield toResult(line);
    }
  }

  async cancel(nativeId: string, signal?: AbortSignal): Promise<void> {
    try {
      await fetchBatchJson(this.#context, { url: `${this.#base}/batches/${encodeURIComponent(nativeId)}/cancel`, method: 'POST', headers: this.#headers('application/json'), body: '{}', signal });
    } catch (error) {
      // Refused because it already ended: nothing left to stop.
      if ((await this.poll(nativeId, signal)).state === 'running') throw error;
    }
  }

  get #base(): string {
    return this.#context.provider.baseUrl;
  }

  #retrieve(nativeId: string, signal: AbortSignal | undefined): Promise<Record<string, unknown>> {
    return fetchBatchJson(this.#context, { url: `${this.#base}/batches/${encodeURIComponent(nativeId)}`, method: 'GET', headers: this.#headers(), signal });
  }

  /** Auth as the chat adapter sends it: the provider's headers, then its bearer key. */
  #headers(contentType?: string): Record<string, string> {
    const { provider } = this.#context;
    const headers: Record<string, string> = { ...provider.headers };
    if (contentType) headers['content-type'] = contentType;
    if (provider.apiKey) headers.authorization = `Bearer ${provider.apiKey}`;
    return headers;
  }
}

/** One output- or error-file line as a result. */
function toResult(line: Record<string, unknown>): NativeBatchResult {
  const customId = String(line.custom_id ?? '');
  const response = line.response as { status_code?: unknown; body?: unknown } | null | undefined;
  if (response && typeof response.status_code === 'number') {
    if (response.status_code === 200) return { customId, ok: true, body: typeof response.body === 'string' ? response.body : JSON.stringify(response.body) };
    const error = (response.body as { error?: { message?: unknown; code?: unknown; type?: unknown } } | null | undefined)?.error;
    const code = typeof error?.code === 'string' ? error.code : typeof error?.type === 'string' ? error.type : null;
    const message = typeof error?.message === 'string' ? error.message : `HTTP ${response.status_code}`;
    return { customId, ok: false, error: { reason: 'upstream_error', status: response.status_code, code, message: scrubSecretText(message) } };
  }
  const error = (line.error ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof error.code === 'string' ? error.code : null;
  const reason = code === 'batch_expired' ? 'expired' : code === 'batch_cancelled' ? 'cancelled' : 'upstream_error';
  const message = typeof error.message === 'string' ? error.message : 'The request did not run';
  return { customId, ok: false, error: { reason, status: null, code, message: scrubSecretText(message) } };
}

/** A failed batch's validation errors as one line: `line 3: duplicate_custom_id: …; …`. */
function describeBatchErrors(errors: unknown): string {
  const data = (errors as { data?: Array<{ code?: unknown; message?: unknown; line?: unknown }> } | null | undefined)?.data ?? [];
  const parts = data.slice(0, 10).map((entry) => `${typeof entry.line === 'number' ? `line ${entry.line}: ` : ''}${String(entry.code ?? 'error')}: ${String(entry.message ?? '')}`);
  if (data.length > 10) parts.push(`and ${data.length - 10} more`);
  return scrubSecretText(parts.join('; ') || 'The batch failed');
}
