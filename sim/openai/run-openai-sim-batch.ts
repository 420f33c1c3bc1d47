import { setTimeout as sleep } from 'node:timers/promises';
import { parseSimDirectives } from '../shared/parse-sim-directives.js';
import { postSimBatchLine, runSimBatchLines, type SimBatchLine, type SimLineResult } from '../shared/run-sim-batch-lines.js';
import { MAX_BATCH_REQUESTS, type SimBatch, type SimBatchError } from './openai-sim-batch-types.js';
import type { SimFileStore } from './openai-sim-files.js';
import { readEmbeddingInputs } from './handle-embeddings.js';
import { readLegacyPrompts } from './handle-legacy-completions.js';
import { findLastUserText } from './read-message-text.js';

/** What a running batch needs from the simulator. */
export interface RunOpenAISimBatchOptions {
  batch: SimBatch;
  files: SimFileStore;
  /** `http://127.0.0.1:PORT`: the lines are POSTed to the simulator's own endpoints. */
  origin: string;
  /** The creator's credentials, sent with every line (so per-key faults apply to its lines). */
  authorization: string;
  /** Pause between lifecycle steps (validating → in_progress, finalizing → completed). */
  stepMs: number;
  concurrency: number;
  /** Aborted when the simulator closes. */
  signal: AbortSignal;
}

interface InputLine {
  lineNo: number;
  customId: string;
  body: Record<string, unknown>;
}

/**
 * Drive one batch through OpenAI's lifecycle: validate the input file (a bad file fails the
 * whole batch with `errors`), run every line against the simulator's own endpoint, then
 * write the output and error files in OpenAI's format and settle the status.
 * @see https://platform.openai.com/docs/guides/batch
 */
export async function runOpenAISimBatch(options: RunOpenAISimBatchOptions): Promise<void> {
  const { batch, signal } = options;
  const now = () => Math.floor(Date.now() / 1000);
  try {
    await sleep(options.stepMs, undefined, { signal });
  } catch {
    return;
  }
  if (batch.status === 'cancelling') return settle(batch, 'cancelled', now());
  const input = options.files.get(batch.input_file_id)?.content.toString('utf8') ?? '';
  const parsed = readInputLines(input, batch.endpoint);
  if ('errors' in parsed) {
    batch.errors = { object: 'list', data: parsed.errors };
    batch.status = 'failed';
    batch.failed_at = now();
    return;
  }
  batch.model = typeof parsed.lines[0]?.body.model === 'string' ? parsed.lines[0].body.model : null;
  batch.status = 'in_progress';
  batch.in_progress_at = now();
  batch.request_counts.total = parsed.lines.length;

  const output: string[] = [];
  const errors: string[] = [];
  let counter = 0;
  const lines: SimBatchLine[] = parsed.lines.map((line) => ({
    customId: line.customId,
    expire: parseSimDirectives(readLinePrompt(batch.endpoint, line.body)).fault.batch_expire === true,
    run: (lineSignal) =>
      postSimBatchLine({
        url: `${options.origin}${batch.endpoint}`,
        headers: { authorization: options.authorization, 'x-sim-batch': batch.id },
        body: line.body,
        signal: lineSignal,
      }),
  }));
  const record = (result: SimLineResult): void => {
    counter += 1;
    const entry = toOutputEntry(result, `batch_req_sim${batch.id.slice(-6)}${counter.toString(16).padStart(6, '0')}`);
    if (entry.ok) {
      output.push(entry.json);
      batch.request_counts.completed += 1;
      addUsage(batch, entry.usage);
    } else {
      errors.push(entry.json);
      batch.request_counts.failed += 1;
    }
  };
  const ending = await runSimBatchLines({ lines, concurrency: options.concurrency, cancelled: () => batch.status === 'cancelling', onResult: record, signal });
  if (ending === 'aborted') return;

  if (ending === 'completed') {
    batch.status = 'finalizing';
    batch.finalizing_at = now();
    try {
      await sleep(options.stepMs, undefined, { signal });
    } catch {
      return;
    }
  }
  if (output.length > 0) batch.output_file_id = options.files.add({ filename: `batch_${batch.id}_output.jsonl`, purpose: 'batch_output', content: Buffer.from(`${output.join('\n')}\n`) }).id;
  if (errors.length > 0) batch.error_file_id = options.files.add({ filename: `batch_${batch.id}_error.jsonl`, purpose: 'batch_output', content: Buffer.from(`${errors.join('\n')}\n`) }).id;
  settle(batch, ending, now());
}

function settle(batch: SimBatch, ending: 'completed' | 'cancelled' | 'expired', at: number): void {
  batch.status = ending;
  if (ending === 'completed') batch.completed_at = at;
  else if (ending === 'cancelled') batch.cancelled_at = at;
  else batch.expired_at = at;
}

/** Parse and check the JSONL input as OpenAI does before running anything. */
function readInputLines(input: string, endpoint: string): { lines: InputLine[] } | { errors: SimBatchError[] } {
  const errors: SimBatchError[] = [];
  const lines: InputLine[] = [];
  const seen = new Set<string>();
  let model: unknown;
  const texts = input.split('\n');
  texts.forEach((text, index) => {
    const lineNo = index + 1;
    if (text.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      errors.push({ code: 'invalid_json_line', message: 'This line is not parseable as valid JSON.', param: null, line: lineNo });
      return;
    }
    const line = (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
    const body = line.body;
    if (typeof line.custom_id !== 'string' || line.custom_id === '') {
      errors.push({ code: 'missing_required_parameter', message: "Missing required parameter: 'custom_id'.", param: 'custom_id', line: lineNo });
    } else if (seen.has(line.custom_id)) {
      errors.push({ code: 'duplicate_custom_id', message: `The custom_id for this request is a duplicate of another request. The custom_id parameter must be unique for each request in a batch.`, param: 'custom_id', line: lineNo });
    } else if (line.method !== 'POST') {
      errors.push({ code: 'invalid_request', message: "The 'method' of this request must be 'POST'.", param: 'method', line: lineNo });
    } else if (line.url !== endpoint) {
      errors.push({ code: 'url_mismatch', message: `The provided URL '${String(line.url)}' does not match the batch endpoint '${endpoint}'.`, param: 'url', line: lineNo });
    } else if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      errors.push({ code: 'missing_required_parameter', message: "Missing required parameter: 'body'.", param: 'body', line: lineNo });
    } else if (model !== undefined && (body as Record<string, unknown>).model !== model) {
      errors.push({ code: 'model_mismatch', message: 'The model in this request does not match the model of the other requests in the batch. A batch can only use one model.', param: 'body.model', line: lineNo });
    } else {
      model = (body as Record<string, unknown>).model;
      seen.add(line.custom_id);
      lines.push({ lineNo, customId: line.custom_id, body: body as Record<string, unknown> });
    }
  });
  if (errors.length === 0 && lines.length === 0) errors.push({ code: 'empty_file', message: 'The batch input file is empty.', param: null, line: null });
  if (lines.length > MAX_BATCH_REQUESTS) errors.push({ code: 'too_many_tasks', message: `The batch input file has more than the maximum of ${MAX_BATCH_REQUESTS} requests.`, param: null, line: null });
  return errors.length > 0 ? { errors } : { lines };
}

/** The text a line's directives live in, per endpoint (the same place the live endpoint reads). */
function readLinePrompt(endpoint: string, body: Record<string, unknown>): string {
  if (endpoint === '/v1/embeddings') return readEmbeddingInputs(body).join('\n');
  if (endpoint === '/v1/completions') return readLegacyPrompts(body).join('\n');
  return findLastUserText(body.messages);
}

type OutputEntry = { ok: true; json: string; usage: unknown } | { ok: false; json: string };

/** One line of the output file (a 200) or the error file (anything else), in OpenAI's format. */
function toOutputEntry(result: SimLineResult, id: string): OutputEntry {
  const customId = result.line.customId;
  const { outcome } = result;
  if (outcome === 'cancelled' || outcome === 'expired') {
    const error =
      outcome === 'expired'
        ? { code: 'batch_expired', message: 'This request could not be executed before the completion window expired.' }
        : { code: 'batch_cancelled', message: 'This request was not executed because the batch was cancelled.' };
    return { ok: false, json: JSON.stringify({ id, custom_id: customId, response: null, error }) };
  }
  if ('transportError' in outcome) {
    return { ok: false, json: JSON.stringify({ id, custom_id: customId, response: null, error: { code: 'server_error', message: 'The server had an error while processing your request.' } }) };
  }
  const response = { status_code: outcome.status, request_id: outcome.requestId, body: outcome.body };
  const json = JSON.stringify({ id, custom_id: customId, response, error: null });
  // A 200 with a body that is not JSON (malformed=1) is still the upstream's answer: output file.
  if (outcome.status === 200) return { ok: true, json, usage: (outcome.body as { usage?: unknown } | null)?.usage };
  return { ok: false, json };
}

function addUsage(batch: SimBatch, usage: unknown): void {
  const u = (usage ?? {}) as { prompt_tokens?: number; completion_tokens?: number; prompt_tokens_details?: { cached_tokens?: number }; completion_tokens_details?: { reasoning_tokens?: number } };
  const input = u.prompt_tokens ?? 0;
  const out = u.completion_tokens ?? 0;
  batch.usage.input_tokens += input;
  batch.usage.output_tokens += out;
  batch.usage.total_tokens += input + out;
  batch.usage.input_tokens_details.cached_tokens += u.prompt_tokens_details?.cached_tokens ?? 0;
  batch.usage.output_tokens_details.reasoning_tokens += u.completion_tokens_details?.reasoning_tokens ?? 0;
}
