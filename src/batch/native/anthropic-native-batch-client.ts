import type { Provider } from '../../core/provider-types.js';
import { ANTHROPIC_VERSION } from '../../protocols/anthropic-messages/anthropic-messages-api.js';
import { parseAnthropicError, STATUS_OF_ANTHROPIC_ERROR_TYPE } from '../../protocols/anthropic-messages/anthropic-messages-error.js';
import { invalidResponse } from '../../protocols/shared/invalid-response.js';
import { scrubSecretText } from '../../protocols/shared/scrub-secrets.js';
import type { UpstreamClient } from '../../upstream/upstream-client.js';
import { checkBatchItems, toSingleLineJson } from './check-batch-items.js';
import type { NativeBatchClient, NativeBatchEndpoint, NativeBatchResult, NativeBatchStatus, NativeBatchSubmission } from './native-batch-client.js';
import { fetchBatchJson, fetchBatchJsonl, type BatchCallContext } from './send-batch-call.js';

/** Anthropic's rule for `custom_id`. */
const CUSTOM_ID = /^[a-zA-Z0-9_-]{1,64}$/;

interface RequestCounts {
  processing?: number;
  succeeded?: number;
  errored?: number;
  canceled?: number;
  expired?: number;
}

/**
 * Anthropic's Message Batches: one create call with every request's Messages `params`; the
 * batch ends (`processing_status: ended`) and its results stream as JSONL from `results_url`.
 * Unlike OpenAI's, one batch may mix models.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/batch-processing
 */
export class AnthropicNativeBatchClient implements NativeBatchClient {
  readonly protocol = 'anthropic';
  /** 100,000 requests or 256 MB per batch. */
  readonly limits = { maxItems: 100_000, maxBytes: 256 * 1024 * 1024 };
  readonly endpoints: readonly NativeBatchEndpoint[] = ['chat'];
  readonly #context: BatchCallContext;

  constructor(provider: Provider, upstream: UpstreamClient) {
    this.#context = { provider, upstream, readError: parseAnthropicError };
  }

  async submit(submission: NativeBatchSubmission): Promise<{ nativeId: string }> {
    checkBatchItems(submission, this, { idPattern: CUSTOM_ID });
    const body = `{"requests":[${submission.items.map((item) => `{"custom_id":${JSON.stringify(item.customId)},"params":${toSingleLineJson(item.body)}}`).join(',')}]}`;
    checkBatchItems({ ...submission, bytes: Buffer.byteLength(body) }, this);
    const batch = await fetchBatchJson(this.#context, { url: this.#batchesUrl, method: 'POST', headers: this.#headers(true), body, signal: submission.signal });
    if (typeof batch.id !== 'string') throw invalidResponse(this.#context.provider.name, 'created message batch has no id', JSON.stringify(batch));
    return { nativeId: batch.id };
  }

  async poll(nativeId: string, signal?: AbortSignal): Promise<NativeBatchStatus> {
    const batch = await this.#retrieve(nativeId, signal);
    const counts = (batch.request_counts ?? {}) as RequestCounts;
    const succeeded = counts.succeeded ?? 0;
    const failed = (counts.errored ?? 0) + (counts.canceled ?? 0) + (counts.expired ?? 0);
    const total = succeeded + failed + (counts.processing ?? 0);
    if (batch.processing_status !== 'ended') return { state: 'running', counts: { total, succeeded, failed }, resultsReady: false };
    // `ended` covers every ending: a cancel was asked for, the window ran out, or all ran.
    const state = batch.cancel_initiated_at ? 'cancelled' : (counts.expired ?? 0) > 0 ? 'expired' : 'done';
    return { state, counts: { total, succeeded, failed }, resultsReady: true };
  }

  async *results(nativeId: string, signal?: AbortSignal): AsyncIterable<NativeBatchResult> {
    const batch = await this.#retrieve(nativeId, signal);
    if (batch.processing_status !== 'ended') throw invalidResponse(this.#context.provider.name, `message batch ${nativeId} has not ended`, JSON.stringify(batch));
    for await (const line of fetchBatchJsonl(this.#context, { url: this.#resultsUrl(nativeId, batch.results_url), method: 'GET', headers: this.#headers(false), signal })) {
      yield toResult(line);
    }
  }

  async cancel(nativeId: string, signal?: AbortSignal): Promise<void> {
    await fetchBatchJson(this.#context, { url: `${this.#batchesUrl}/${encodeURIComponent(nativeId)}/cancel`, method: 'POST', headers: this.#headers(true), body: '{}', signal });
  }

  /** `…/v1/messages/batches`, whether the base URL ends in `/v1` or not (as for chat). */
  get #batchesUrl(): string {
    const base = this.#context.provider.baseUrl;
    return base.endsWith('/v1') ? `${base}/messages/batches` : `${base}/v1/messages/batches`;
  }

  /**
   * The batch's `results_url` when it is on the provider's own origin; otherwise the documented
   * path, so the API key is never sent to a host the configuration did not name.
   */
  #resultsUrl(nativeId: string, announced: unknown): string {
    const fallback = `${this.#batchesUrl}/${encodeURIComponent(nativeId)}/results`;
    if (typeof announced !== 'string') return fallback;
    try {
      return new URL(announced).origin === new URL(this.#batchesUrl).origin ? announced : fallback;
    } catch {
      return fallback;
    }
  }

  #retrieve(nativeId: string, signal: AbortSignal | undefined): Promise<Record<string, unknown>> {
    return fetchBatchJson(this.#context, { url: `${this.#batchesUrl}/${encodeURIComponent(nativeId)}`, method: 'GET', headers: this.#headers(false), signal });
  }

  /** Auth as the chat adapter sends it: version, the provider's headers, then `x-api-key`. */
  #headers(json: boolean): Record<string, string> {
    const { provider } = this.#context;
    const headers: Record<string, string> = { 'anthropic-version': ANTHROPIC_VERSION, ...provider.headers };
    if (json) headers['content-type'] = 'application/json';
    if (provider.apiKey) headers['x-api-key'] = provider.apiKey;
    return headers;
  }
}

/** One results line (`{custom_id, result: {type, …}}`) as a result. */
function toResult(line: Record<string, unknown>): NativeBatchResult {
  const customId = String(line.custom_id ?? '');
  const result = (line.result ?? {}) as { type?: unknown; message?: unknown; error?: unknown };
  switch (result.type) {
    case 'succeeded':
      return { customId, ok: true, body: JSON.stringify(result.message) };
    case 'canceled':
      return { customId, ok: false, error: { reason: 'cancelled', status: null, code: 'canceled', message: 'The batch was cancelled before this request ran' } };
    case 'expired':
      return { customId, ok: false, error: { reason: 'expired', status: null, code: 'expired', message: 'The batch expired before this request ran' } };
    default: {
      const error = (result.error as { error?: { type?: unknown; message?: unknown } } | undefined)?.error;
      const type = typeof error?.type === 'string' ? error.type : null;
      const message = typeof error?.message === 'string' ? error.message : 'The request failed';
      return { customId, ok: false, error: { reason: 'upstream_error', status: type ? (STATUS_OF_ANTHROPIC_ERROR_TYPE[type] ?? 500) : null, code: type, message: scrubSecretText(message) } };
    }
  }
}
