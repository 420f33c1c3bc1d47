import { GatewayError } from '../core/errors/gateway-error.js';
import type { ChatRequest } from '../core/canonical/chat-request.js';
import type { InferenceCodec } from '../pipeline/inference-context.js';
import type { BatchEndpoint } from '../stores/batch-store.js';

/** A valid request line: it runs. */
export interface RunnableLine {
  /** 0-based line number in the input file. */
  index: number;
  customId: string;
  body: Record<string, unknown>;
  request: ChatRequest;
}

/** A line that cannot run: it goes to the error file with its line number and custom_id. */
export interface InvalidLine {
  index: number;
  customId: string | null;
  error: { code: string; message: string };
}

export type BatchLine = RunnableLine | InvalidLine;

export const isRunnable = (line: BatchLine): line is RunnableLine => !('error' in line);

/**
 * Splits a JSONL batch input into lines (blank lines skipped) and checks each one as OpenAI's
 * Batch API does — `custom_id` (unique), `method: "POST"`, `url` equal to the batch's endpoint, a
 * JSON `body` — then decodes the body with the endpoint's codec, so a line the endpoint would
 * refuse with a 400 is refused here, with its own error entry, and the others still run.
 */
export function parseBatchInput(text: string, options: { endpoint: BatchEndpoint; codec: InferenceCodec }): BatchLine[] {
  const lines: BatchLine[] = [];
  const seen = new Set<string>();
  const rows = text.split('\n');
  rows.forEach((raw, index) => {
    const row = raw.trim();
    if (row === '') return;
    lines.push(parseLine(row, index, options, seen));
  });
  return lines;
}

function parseLine(row: string, index: number, options: { endpoint: BatchEndpoint; codec: InferenceCodec }, seen: Set<string>): BatchLine {
  const invalid = (customId: string | null, code: string, message: string): InvalidLine => ({ index, customId, error: { code, message: `Line ${index + 1}: ${message}` } });
  let value: unknown;
  try {
    value = JSON.parse(row);
  } catch {
    return invalid(null, 'invalid_json_line', 'not valid JSON. Each line must be one JSON object.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return invalid(null, 'invalid_json_line', 'must be a JSON object with custom_id, method, url and body.');
  const line = value as Record<string, unknown>;
  const customId = typeof line.custom_id === 'string' && line.custom_id !== '' ? line.custom_id : null;
  if (customId === null) return invalid(null, 'missing_required_parameter', 'custom_id is required (a non-empty string).');
  if (seen.has(customId)) return invalid(customId, 'duplicate_custom_id', `custom_id "${customId}" is used by an earlier line; each must be unique.`);
  seen.add(customId);
  if (line.method !== 'POST') return invalid(customId, 'invalid_method', `method must be "POST", got ${JSON.stringify(line.method ?? null)}.`);
  if (line.url !== options.endpoint) {
    return invalid(customId, 'invalid_url', `url must be the batch's endpoint "${options.endpoint}", got ${JSON.stringify(line.url ?? null)}.`);
  }
  const body = line.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return invalid(customId, 'missing_required_parameter', 'body must be a JSON object (the request).');
  const extra = Object.keys(line).filter((key) => !['custom_id', 'method', 'url', 'body'].includes(key));
  if (extra.length > 0) return invalid(customId, 'invalid_request', `unknown field ${extra.map((key) => `"${key}"`).join(', ')}; a line has custom_id, method, url and body.`);
  if ((body as Record<string, unknown>).stream === true) return invalid(customId, 'invalid_request', 'stream is not supported in a batch request; remove it.');
  try {
    const request = options.codec.parseRequest(body);
    return { index, customId, body: body as Record<string, unknown>, request };
  } catch (error) {
    if (error instanceof GatewayError) return invalid(customId, 'invalid_request', error.message);
    throw error;
  }
}
