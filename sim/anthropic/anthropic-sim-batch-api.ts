import type { ServerResponse } from 'node:http';
import { sendAnthropicError } from './anthropic-sim-error.js';
import { runAnthropicSimBatch, type SimBatchRequest, type SimMessageBatch } from './run-anthropic-sim-batch.js';
import { buildAnthropicHeaders, sendAnthropicJson } from './send-anthropic-json.js';

export type { SimMessageBatch } from './run-anthropic-sim-batch.js';

/** One Message Batches request, after authentication and faults. */
export interface SimMessageBatchRequest {
  res: ServerResponse;
  method: string;
  path: string;
  query: URLSearchParams;
  /** The parsed JSON body (`undefined` when none or unparseable). */
  body: unknown;
  /** Credential and version headers to run the requests with. */
  headers: Record<string, string>;
}

export interface AnthropicSimBatchApiOptions {
  origin(): string;
  stepMs: number;
  concurrency: number;
}

const BATCH_PATH = /^\/v1\/messages\/batches\/([^/]+)(\/results|\/cancel)?$/;
const CUSTOM_ID = /^[a-zA-Z0-9_-]{1,64}$/;
/** Anthropic's limit of requests per Message Batch. */
const MAX_REQUESTS = 100_000;

interface StoredBatch {
  batch: SimMessageBatch;
  results: string[];
}

/**
 * Anthropic's Message Batches API: create, retrieve, list, cancel, delete and the JSONL results,
 * running each request against the simulator's own `/v1/messages`.
 * @see https://docs.anthropic.com/en/api/creating-message-batches
 */
export class AnthropicSimBatchApi {
  readonly #batches = new Map<string, StoredBatch>();
  readonly #options: AnthropicSimBatchApiOptions;
  #counter = 0;
  #aborter = new AbortController();
  readonly #running = new Set<Promise<void>>();

  constructor(options: AnthropicSimBatchApiOptions) {
    this.#options = options;
  }

  /** Batches by id, live. */
  get batches(): ReadonlyMap<string, SimMessageBatch> {
    return new Map([...this.#batches].map(([id, stored]) => [id, stored.batch]));
  }

  matches(path: string): boolean {
    return path === '/v1/messages/batches' || BATCH_PATH.test(path);
  }

  handle(request: SimMessageBatchRequest): void {
    const { res, method, path } = request;
    if (path === '/v1/messages/batches') {
      if (method === 'POST') return this.#create(request);
      if (method === 'GET') return this.#list(request);
    }
    const match = BATCH_PATH.exec(path);
    if (match) {
      const id = decodeURIComponent(match[1] as string);
      const stored = this.#batches.get(id);
      if (!stored) return sendAnthropicError(res, { status: 404, message: `Message batch ${id} not found.` });
      const { batch } = stored;
      if (method === 'GET' && !match[2]) return sendAnthropicJson(res, 200, batch);
      if (method === 'GET' && match[2] === '/results') return sendResults(res, stored);
      if (method === 'POST' && match[2] === '/cancel') {
        if (batch.processing_status === 'in_progress') {
          batch.processing_status = 'canceling';
          batch.cancel_initiated_at = new Date().toISOString();
        }
        return sendAnthropicJson(res, 200, batch);
      }
      if (method === 'DELETE' && !match[2]) {
        if (batch.processing_status !== 'ended') return sendAnthropicError(res, { status: 400, message: `Message batch ${id} is still processing; cancel it before deleting it.` });
        this.#batches.delete(id);
        return sendAnthropicJson(res, 200, { id, type: 'message_batch_deleted' });
      }
    }
    sendAnthropicError(res, { status: 404, message: `${method} ${path} not found` });
  }

  #create(request: SimMessageBatchRequest): void {
    const { res } = request;
    const body = request.body as { requests?: unknown } | undefined;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return sendAnthropicError(res, { status: 400, message: 'There was an issue with the request body: the JSON could not be parsed.' });
    }
    const requests = body.requests;
    if (!Array.isArray(requests) || requests.length === 0) return sendAnthropicError(res, { status: 400, message: 'requests: List should have at least 1 item after validation, not 0' });
    if (requests.length > MAX_REQUESTS) return sendAnthropicError(res, { status: 400, message: `requests: List should have at most ${MAX_REQUESTS} items` });
    const seen = new Set<string>();
    for (const [index, item] of requests.entries()) {
      const entry = item as { custom_id?: unknown; params?: unknown } | null;
      if (typeof entry?.custom_id !== 'string' || !CUSTOM_ID.test(entry.custom_id)) {
        return sendAnthropicError(res, { status: 400, message: `requests.${index}.custom_id: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'` });
      }
      if (seen.has(entry.custom_id)) return sendAnthropicError(res, { status: 400, message: `requests.${index}.custom_id: Duplicate custom_id '${entry.custom_id}'; custom_id must be unique within a batch.` });
      seen.add(entry.custom_id);
      if (typeof entry.params !== 'object' || entry.params === null || Array.isArray(entry.params)) {
        return sendAnthropicError(res, { status: 400, message: `requests.${index}.params: Field required` });
      }
    }
    this.#counter += 1;
    const created = new Date();
    const batch: SimMessageBatch = {
      id: `msgbatch_sim${this.#counter.toString(36).padStart(20, '0')}`,
      type: 'message_batch',
      processing_status: 'in_progress',
      request_counts: { processing: requests.length, succeeded: 0, errored: 0, canceled: 0, expired: 0 },
      ended_at: null,
      created_at: created.toISOString(),
      expires_at: new Date(created.getTime() + 86_400_000).toISOString(),
      archived_at: null,
      cancel_initiated_at: null,
      results_url: null,
    };
    const stored: StoredBatch = { batch, results: [] };
    this.#batches.set(batch.id, stored);
    const run = runAnthropicSimBatch({
      batch,
      requests: requests as SimBatchRequest[],
      results: stored.results,
      origin: this.#options.origin(),
      headers: request.headers,
      stepMs: this.#options.stepMs,
      concurrency: this.#options.concurrency,
      signal: this.#aborter.signal,
    }).catch(() => undefined);
    this.#running.add(run);
    void run.finally(() => this.#running.delete(run));
    sendAnthropicJson(res, 200, batch);
  }

  #list(request: SimMessageBatchRequest): void {
    const all = [...this.#batches.values()].map((stored) => stored.batch).reverse();
    const after = request.query.get('after_id');
    const start = after ? all.findIndex((batch) => batch.id === after) + 1 : 0;
    const limit = Math.min(Math.max(Number(request.query.get('limit') ?? 20) || 20, 1), 1000);
    const data = all.slice(start, start + limit);
    sendAnthropicJson(request.res, 200, { data, has_more: start + limit < all.length, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null });
  }

  /** Stop running batches (they stop at their next step) and forget them. */
  reset(): void {
    this.#aborter.abort();
    this.#aborter = new AbortController();
    this.#batches.clear();
    this.#counter = 0;
  }

  async close(): Promise<void> {
    this.#aborter.abort();
    await Promise.all([...this.#running]);
  }
}

/** `GET …/results`: the JSONL results of an ended batch. */
function sendResults(res: ServerResponse, stored: StoredBatch): void {
  if (stored.batch.processing_status !== 'ended') {
    return sendAnthropicError(res, { status: 400, message: `Message batch ${stored.batch.id} has not finished processing; results are available once processing_status is 'ended'.` });
  }
  const text = stored.results.map((line) => `${line}\n`).join('');
  const headers = buildAnthropicHeaders('application/binary');
  headers['content-length'] = String(Buffer.byteLength(text));
  res.writeHead(200, headers);
  res.end(text);
}
