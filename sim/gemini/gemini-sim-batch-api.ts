import type { ServerResponse } from 'node:http';
import { buildGeminiError, invalidArgument, type GeminiErrorReply } from './gemini-error-body.js';
import { isTerminal, renderGeminiBatch, type SimGeminiBatch, type SimInlinedRequest } from './gemini-sim-batch-types.js';
import { runGeminiSimBatch } from './run-gemini-sim-batch.js';

/** One batch-mode request, after authentication and faults. */
export interface GeminiSimBatchRequest {
  res: ServerResponse;
  method: string;
  path: string;
  query: URLSearchParams;
  /** Bytes of the raw body (the inline-request limit is on the whole request). */
  rawBytes: number;
  /** Parsed JSON body; undefined when none or unparseable. */
  body: unknown;
  apiKey: string;
}

export interface GeminiSimBatchApiOptions {
  origin(): string;
  stepMs: number;
  concurrency: number;
  send(res: ServerResponse, status: number, body: unknown): void;
  sendError(res: ServerResponse, reply: GeminiErrorReply): void;
}

const CREATE_PATH = /^\/v1beta\/models\/([^/:]+):batchGenerateContent$/;
const BATCH_PATH = /^\/v1beta\/batches\/([^/:]+)(:cancel)?$/;
/** The documented ceiling of a batch created with inlined requests. */
export const GEMINI_INLINE_BATCH_LIMIT_BYTES = 20 * 1024 * 1024;

/**
 * Gemini batch mode over the simulator's own `generateContent`: create with inlined requests
 * (`models/{model}:batchGenerateContent`), get, list, cancel and delete `batches/{id}`, states
 * PENDING → RUNNING → SUCCEEDED / FAILED / CANCELLED / EXPIRED, inlined responses in input order
 * with a `google.rpc.Status` for each request that failed. File input (`fileName`) is refused.
 * @see https://ai.google.dev/gemini-api/docs/batch-mode
 */
export class GeminiSimBatchApi {
  readonly #batches = new Map<string, SimGeminiBatch>();
  readonly #options: GeminiSimBatchApiOptions;
  #counter = 0;
  #aborter = new AbortController();
  readonly #running = new Set<Promise<void>>();

  constructor(options: GeminiSimBatchApiOptions) {
    this.#options = options;
  }

  /** Batches by name (`batches/{id}`), as operations, rendered now. */
  get batches(): ReadonlyMap<string, Record<string, unknown>> {
    return new Map([...this.#batches].map(([name, batch]) => [name, renderGeminiBatch(batch)]));
  }

  matches(method: string, path: string): boolean {
    return (method === 'POST' && CREATE_PATH.test(path)) || path === '/v1beta/batches' || BATCH_PATH.test(path);
  }

  handle(request: GeminiSimBatchRequest): void {
    const { res, method, path } = request;
    const create = CREATE_PATH.exec(path);
    if (create && method === 'POST') return this.#create(request, decodeURIComponent(create[1] as string));
    if (path === '/v1beta/batches' && method === 'GET') return this.#list(request);
    const match = BATCH_PATH.exec(path);
    if (match) {
      const name = `batches/${decodeURIComponent(match[1] as string)}`;
      const batch = this.#batches.get(name);
      if (!batch) return this.#options.sendError(res, buildGeminiError(404, { message: `Batch ${name} not found.` }));
      if (method === 'GET' && !match[2]) return this.#options.send(res, 200, renderGeminiBatch(batch));
      if (method === 'POST' && match[2]) return this.#cancel(res, batch);
      if (method === 'DELETE' && !match[2]) {
        // Like google.longrunning DeleteOperation: forgets the batch, does not cancel it.
        this.#batches.delete(name);
        return this.#options.send(res, 200, {});
      }
    }
    this.#options.sendError(res, buildGeminiError(404, { message: `The requested URL ${path} was not found on this server.` }));
  }

  #create(request: GeminiSimBatchRequest, model: string): void {
    const { res } = request;
    const fail = (message: string) => this.#options.sendError(res, invalidArgument(message));
    if (request.rawBytes > GEMINI_INLINE_BATCH_LIMIT_BYTES) return fail(`Request payload size exceeds the limit: ${GEMINI_INLINE_BATCH_LIMIT_BYTES} bytes.`);
    const batchField = (request.body as { batch?: unknown } | undefined)?.batch;
    if (typeof batchField !== 'object' || batchField === null || Array.isArray(batchField)) return fail('* BatchGenerateContentRequest.batch: batch is required');
    const batch = batchField as Record<string, unknown>;
    const input = (batch.inputConfig ?? batch.input_config) as Record<string, unknown> | undefined;
    if (input?.fileName !== undefined || input?.file_name !== undefined) return fail('This simulator takes inlined requests only (batch.inputConfig.requests), not fileName.');
    const requests = (input?.requests as { requests?: unknown } | undefined)?.requests;
    if (!Array.isArray(requests) || requests.length === 0) return fail('* BatchGenerateContentRequest.batch.input_config: input_config.requests.requests must not be empty');
    for (const [index, raw] of requests.entries()) {
      const entry = raw as Partial<SimInlinedRequest> | null;
      if (typeof entry?.request !== 'object' || entry.request === null || Array.isArray(entry.request)) {
        return fail(`* BatchGenerateContentRequest.batch.input_config.requests.requests[${index}].request: request is required`);
      }
      const itemModel = entry.request.model;
      if (itemModel !== undefined && String(itemModel).replace(/^models\//, '') !== model) {
        return fail(`* BatchGenerateContentRequest.batch.input_config.requests.requests[${index}].request.model: ${String(itemModel)} does not match the batch model models/${model}`);
      }
    }
    this.#counter += 1;
    const created = new Date().toISOString();
    const stored: SimGeminiBatch = {
      name: `batches/sim${this.#counter.toString(36).padStart(10, '0')}`,
      model: `models/${model}`,
      displayName: typeof (batch.displayName ?? batch.display_name) === 'string' ? String(batch.displayName ?? batch.display_name) : '',
      priority: batch.priority === undefined ? undefined : String(batch.priority),
      state: 'BATCH_STATE_PENDING',
      createTime: created,
      updateTime: created,
      endTime: undefined,
      requests: requests as SimInlinedRequest[],
      responses: [],
      succeeded: 0,
      failed: 0,
      cancelRequested: false,
      error: undefined,
    };
    this.#batches.set(stored.name, stored);
    const run = runGeminiSimBatch({
      batch: stored,
      origin: this.#options.origin(),
      apiKey: request.apiKey,
      stepMs: this.#options.stepMs,
      concurrency: this.#options.concurrency,
      signal: this.#aborter.signal,
    }).catch(() => undefined);
    this.#running.add(run);
    void run.finally(() => this.#running.delete(run));
    this.#options.send(res, 200, renderGeminiBatch(stored));
  }

  /** `GET /v1beta/batches?pageSize=&pageToken=`: newest first, `nextPageToken` while more remain. */
  #list(request: GeminiSimBatchRequest): void {
    const all = [...this.#batches.values()].reverse();
    const token = request.query.get('pageToken');
    const start = token ? Math.max(0, Number.parseInt(token, 10) || 0) : 0;
    const size = Math.min(Math.max(Number(request.query.get('pageSize') ?? 25) || 25, 1), 1000);
    const page = all.slice(start, start + size);
    this.#options.send(request.res, 200, { operations: page.map(renderGeminiBatch), ...(start + size < all.length ? { nextPageToken: String(start + size) } : {}) });
  }

  #cancel(res: ServerResponse, batch: SimGeminiBatch): void {
    if (isTerminal(batch.state)) {
      return this.#options.sendError(res, { status: 400, body: { error: { code: 400, message: `Batch ${batch.name} is already in a terminal state (${batch.state}).`, status: 'FAILED_PRECONDITION' } } });
    }
    batch.cancelRequested = true;
    batch.updateTime = new Date().toISOString();
    this.#options.send(res, 200, {});
  }

  /** Stop running batches and forget every batch. */
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
