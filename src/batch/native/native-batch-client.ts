/**
 * A provider's own batch API (OpenAI Batch, Anthropic Message Batches, Gemini batch mode), seen the same way for
 * every protocol: submit wire requests, poll, stream the results back, cancel.
 *
 * Bodies are wire JSON text, exactly what the protocol's chat adapter sends and receives
 * (`WireAdapter.buildCall(...).body` in, `WireAdapter.readResult(body, provider)` out), so the
 * existing request and response converters translate; this layer only moves them in bulk.
 * Every method throws a typed `UpstreamError` (with `retryable`) when the upstream refuses or
 * cannot be reached; secrets never appear in what it returns or throws.
 */

/** Which upstream endpoint the items of one batch call (one batch is one endpoint). */
export type NativeBatchEndpoint = 'chat' | 'embeddings';

/** One request of the batch. */
export interface NativeBatchItem {
  /**
   * Unique within the batch; returned with its result. Use gateway-made ids (e.g. `l17` for
   * line 17): Anthropic accepts only `^[a-zA-Z0-9_-]{1,64}$`.
   */
  customId: string;
  /** The wire request as JSON text, without `stream` (a batch never streams). */
  body: string;
  /**
   * The upstream model the body was built for (the chat adapter's `upstreamModel`). Gemini needs
   * it: its model is in the URL, not the body, and one Gemini batch is one model. OpenAI's and
   * Anthropic's bodies carry `model` themselves; they ignore this.
   */
  model?: string;
}

export interface NativeBatchSubmission {
  endpoint: NativeBatchEndpoint;
  items: NativeBatchItem[];
  /** Free-form labels stored with the upstream batch where the protocol has them (OpenAI metadata). */
  metadata?: Record<string, string>;
  signal?: AbortSignal;
}

/** Where the upstream batch stands. `running` covers validating, queued, in progress, finalizing, cancelling. */
export type NativeBatchState = 'running' | 'done' | 'failed' | 'expired' | 'cancelled';

export interface NativeBatchCounts {
  total: number;
  succeeded: number;
  /** Requests that errored, expired or were cancelled so far. */
  failed: number;
}

export interface NativeBatchStatus {
  state: NativeBatchState;
  counts: NativeBatchCounts;
  /**
   * True once `results()` can be read: `done`, and also `expired` / `cancelled` (partial results:
   * what finished, plus an error entry for every request that did not). False for `failed`
   * (the upstream rejected the batch as a whole; see `message`).
   */
  resultsReady: boolean;
  /** Why a `failed` batch failed (the upstream's validation errors), scrubbed. */
  message?: string;
}

/** Why one request has no successful response. */
export interface NativeItemError {
  /** `upstream_error`: the provider answered the request with an error; the others: the batch ended before it ran. */
  reason: 'upstream_error' | 'expired' | 'cancelled';
  /** The provider's HTTP status for the request (400, 429, 500…), null when it gave none. */
  status: number | null;
  /** The provider's error code or type, e.g. `invalid_request_error`, `rate_limit_exceeded`. */
  code: string | null;
  message: string;
}

export type NativeBatchResult =
  | { customId: string; ok: true; /** The wire response as JSON text (for `readResult`). */ body: string }
  | { customId: string; ok: false; error: NativeItemError };

/** Size limits of one upstream batch; larger batches must be split or run by the gateway. */
export interface NativeBatchLimits {
  maxItems: number;
  /** Bytes of the upload (OpenAI: the JSONL file; Anthropic: the create request). */
  maxBytes: number;
}

export interface NativeBatchClient {
  /** e.g. `openai`, `anthropic`: the protocol's batch API this client speaks. */
  readonly protocol: string;
  readonly limits: NativeBatchLimits;
  readonly endpoints: readonly NativeBatchEndpoint[];
  /** Upload and create the upstream batch; keep `nativeId` (durably) to poll after a restart. */
  submit(submission: NativeBatchSubmission): Promise<{ nativeId: string }>;
  poll(nativeId: string, signal?: AbortSignal): Promise<NativeBatchStatus>;
  /**
   * The results once `resultsReady`, streamed, each item at most once, in the upstream's order (not
   * input order). After `expired` / `cancelled` an item the upstream never ran may be missing:
   * treat ids you submitted but did not get back as not run.
   */
  results(nativeId: string, signal?: AbortSignal): AsyncIterable<NativeBatchResult>;
  /** Ask the upstream to stop; poll until the state is no longer `running`, then read partial results. */
  cancel(nativeId: string, signal?: AbortSignal): Promise<void>;
}
