import type { ServerResponse } from 'node:http';
import { makeOpenAIError } from './openai-error-body.js';
import { SIM_BATCH_ENDPOINTS, type SimBatch } from './openai-sim-batch-types.js';
import { describeSimFile, sendNoSuchFile, sendSimFileContent, SimFileStore, uploadSimFile } from './openai-sim-files.js';
import { runOpenAISimBatch } from './run-openai-sim-batch.js';
import { sendJsonReply } from './send-json-reply.js';

/** One Files or Batches API request, after authentication and faults. */
export interface SimBatchApiRequest {
  res: ServerResponse;
  method: string;
  path: string;
  query: URLSearchParams;
  /** Raw body bytes (multipart for uploads, JSON otherwise). */
  raw: Buffer;
  contentType: string | undefined;
  authorization: string;
}

export interface OpenAISimBatchApiOptions {
  /** `http://127.0.0.1:PORT`, where the lines are sent. */
  origin(): string;
  stepMs: number;
  concurrency: number;
}

const FILE_PATH = /^\/v1\/files\/([^/]+)(\/content)?$/;
const BATCH_PATH = /^\/v1\/batches\/([^/]+)(\/cancel)?$/;

/**
 * OpenAI's Files and Batches APIs over the simulator's own endpoints: uploads, batches that
 * run their lines against `/v1/chat/completions` (or embeddings, completions) with a fast,
 * deterministic lifecycle, output and error files.
 * @see https://platform.openai.com/docs/api-reference/batch
 */
export class OpenAISimBatchApi {
  readonly files = new SimFileStore();
  readonly batches = new Map<string, SimBatch>();
  readonly #options: OpenAISimBatchApiOptions;
  #counter = 0;
  #aborter = new AbortController();
  readonly #running = new Set<Promise<void>>();

  constructor(options: OpenAISimBatchApiOptions) {
    this.#options = options;
  }

  /** Whether this API answers the path. */
  matches(path: string): boolean {
    return path === '/v1/files' || path === '/v1/batches' || FILE_PATH.test(path) || BATCH_PATH.test(path);
  }

  async handle(request: SimBatchApiRequest): Promise<void> {
    const { res, method, path } = request;
    if (path === '/v1/files') {
      if (method === 'POST') {
        const uploaded = await uploadSimFile(this.files, request.raw, request.contentType);
        return 'error' in uploaded ? sendError(res, uploaded.error) : sendJsonReply(res, 200, describeSimFile(uploaded.file));
      }
      if (method === 'GET') return sendJsonReply(res, 200, { object: 'list', data: this.files.list().map(describeSimFile), has_more: false });
    }
    const file = FILE_PATH.exec(path);
    if (file) {
      const id = decodeURIComponent(file[1] as string);
      const found = this.files.get(id);
      if (!found) return sendNoSuchFile(res, id);
      if (method === 'GET') return file[2] ? sendSimFileContent(res, found) : sendJsonReply(res, 200, describeSimFile(found));
      if (method === 'DELETE' && !file[2]) {
        this.files.delete(id);
        return sendJsonReply(res, 200, { id, object: 'file', deleted: true });
      }
    }
    if (path === '/v1/batches') {
      if (method === 'POST') return this.#create(request);
      if (method === 'GET') return this.#list(request);
    }
    const batch = BATCH_PATH.exec(path);
    if (batch) {
      const id = decodeURIComponent(batch[1] as string);
      const found = this.batches.get(id);
      if (!found) return sendError(res, makeOpenAIError(404, `No batch found with id '${id}'.`, 'invalid_request_error', null, 'batch_not_found'));
      if (method === 'GET' && !batch[2]) return sendJsonReply(res, 200, found);
      if (method === 'POST' && batch[2]) return this.#cancel(res, found);
    }
    sendError(res, makeOpenAIError(404, `Invalid URL (${method} ${path})`, 'invalid_request_error'));
  }

  #create(request: SimBatchApiRequest): void {
    const { res } = request;
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(request.raw.toString('utf8')) as Record<string, unknown>;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('not an object');
    } catch {
      return sendError(res, makeOpenAIError(400, 'We could not parse the JSON body of your request.', 'invalid_request_error'));
    }
    for (const field of ['input_file_id', 'endpoint', 'completion_window']) {
      if (typeof body[field] !== 'string') return sendError(res, makeOpenAIError(400, `Missing required parameter: '${field}'.`, 'invalid_request_error', field, 'missing_required_parameter'));
    }
    const endpoint = body.endpoint as string;
    if (!(SIM_BATCH_ENDPOINTS as readonly string[]).includes(endpoint)) {
      return sendError(res, makeOpenAIError(400, `Invalid value: '${endpoint}'. Supported values are: ${SIM_BATCH_ENDPOINTS.map((e) => `'${e}'`).join(', ')}.`, 'invalid_request_error', 'endpoint', 'invalid_value'));
    }
    if (body.completion_window !== '24h') {
      return sendError(res, makeOpenAIError(400, `Invalid value: '${String(body.completion_window)}'. Supported values are: '24h'.`, 'invalid_request_error', 'completion_window', 'invalid_value'));
    }
    const metadataError = checkMetadata(body.metadata);
    if (metadataError) return sendError(res, makeOpenAIError(400, metadataError, 'invalid_request_error', 'metadata', 'invalid_value'));
    const input = this.files.get(body.input_file_id as string);
    if (!input) return sendError(res, makeOpenAIError(400, `Input file ${String(body.input_file_id)} not found.`, 'invalid_request_error', 'input_file_id', null));
    if (input.purpose !== 'batch') return sendError(res, makeOpenAIError(400, `The input file must have purpose 'batch', not '${input.purpose}'.`, 'invalid_request_error', 'input_file_id', null));

    this.#counter += 1;
    const created = Math.floor(Date.now() / 1000);
    const batch: SimBatch = {
      id: `batch_sim${this.#counter.toString(36).padStart(6, '0')}`,
      object: 'batch',
      endpoint,
      model: null,
      errors: null,
      input_file_id: input.id,
      completion_window: '24h',
      status: 'validating',
      output_file_id: null,
      error_file_id: null,
      created_at: created,
      in_progress_at: null,
      expires_at: created + 86_400,
      finalizing_at: null,
      completed_at: null,
      failed_at: null,
      expired_at: null,
      cancelling_at: null,
      cancelled_at: null,
      request_counts: { total: 0, completed: 0, failed: 0 },
      usage: { input_tokens: 0, output_tokens: 0, total_tokens: 0, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } },
      metadata: (body.metadata as Record<string, string> | null | undefined) ?? null,
    };
    this.batches.set(batch.id, batch);
    const run = runOpenAISimBatch({
      batch,
      files: this.files,
      origin: this.#options.origin(),
      authorization: request.authorization,
      stepMs: this.#options.stepMs,
      concurrency: this.#options.concurrency,
      signal: this.#aborter.signal,
    }).catch(() => undefined);
    this.#running.add(run);
    void run.finally(() => this.#running.delete(run));
    sendJsonReply(res, 200, batch);
  }

  #list(request: SimBatchApiRequest): void {
    const all = [...this.batches.values()].reverse();
    const after = request.query.get('after');
    const start = after ? all.findIndex((batch) => batch.id === after) + 1 : 0;
    const limit = Math.min(Math.max(Number(request.query.get('limit') ?? 20) || 20, 1), 100);
    const data = all.slice(start, start + limit);
    sendJsonReply(request.res, 200, { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: start + limit < all.length });
  }

  #cancel(res: ServerResponse, batch: SimBatch): void {
    if (batch.status === 'validating' || batch.status === 'in_progress' || batch.status === 'finalizing') {
      batch.status = 'cancelling';
      batch.cancelling_at = Math.floor(Date.now() / 1000);
    } else if (batch.status !== 'cancelling') {
      return sendError(res, makeOpenAIError(409, `Cannot cancel a batch with status '${batch.status}'.`, 'invalid_request_error', null, null));
    }
    sendJsonReply(res, 200, batch);
  }

  /** Stop running batches (they stop at their next step) and forget every batch and file. */
  reset(): void {
    this.#aborter.abort();
    this.#aborter = new AbortController();
    this.batches.clear();
    this.files.reset();
    this.#counter = 0;
  }

  /** Stop running batches (their in-flight lines are aborted). */
  async close(): Promise<void> {
    this.#aborter.abort();
    await Promise.all([...this.#running]);
  }
}

function sendError(res: ServerResponse, error: { status: number; body: unknown; headers?: Record<string, string> }): void {
  sendJsonReply(res, error.status, error.body, error.headers);
}

/** OpenAI's metadata rules: up to 16 string pairs, keys ≤ 64 and values ≤ 512 characters. */
function checkMetadata(metadata: unknown): string | undefined {
  if (metadata === undefined || metadata === null) return undefined;
  if (typeof metadata !== 'object' || Array.isArray(metadata)) return "Invalid type for 'metadata': expected an object.";
  const entries = Object.entries(metadata);
  if (entries.length > 16) return "Invalid 'metadata': too many properties. Expected an object with at most 16 properties.";
  for (const [key, value] of entries) {
    if (key.length > 64) return `Invalid 'metadata': key '${key.slice(0, 20)}…' is longer than 64 characters.`;
    if (typeof value !== 'string' || value.length > 512) return `Invalid 'metadata.${key}': expected a string of at most 512 characters.`;
  }
  return undefined;
}
