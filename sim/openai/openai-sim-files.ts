import type { ServerResponse } from 'node:http';
import { makeOpenAIError, type OpenAIErrorReply } from './openai-error-body.js';
import { buildSimHeaders, sendJsonReply } from './send-json-reply.js';

/** A stored file, as OpenAI's Files API describes it (plus its bytes). */
export interface SimFile {
  id: string;
  object: 'file';
  bytes: number;
  created_at: number;
  filename: string;
  purpose: string;
  status: 'processed';
  expires_at: number | null;
  status_details: null;
  content: Buffer;
}

/** The purposes OpenAI accepts for an upload. */
const PURPOSES = new Set(['batch', 'assistants', 'fine-tune', 'vision', 'user_data', 'evals']);

/** The simulator's file store: uploads (`purpose=batch`) and the batch output and error files. */
export class SimFileStore {
  readonly #files = new Map<string, SimFile>();
  #counter = 0;

  add(options: { filename: string; purpose: string; content: Buffer }): SimFile {
    this.#counter += 1;
    const file: SimFile = {
      id: `file-sim${this.#counter.toString(36).padStart(6, '0')}`,
      object: 'file',
      bytes: options.content.length,
      created_at: Math.floor(Date.now() / 1000),
      filename: options.filename,
      purpose: options.purpose,
      status: 'processed',
      expires_at: null,
      status_details: null,
      content: options.content,
    };
    this.#files.set(file.id, file);
    return file;
  }

  get(id: string): SimFile | undefined {
    return this.#files.get(id);
  }

  delete(id: string): boolean {
    return this.#files.delete(id);
  }

  list(): SimFile[] {
    return [...this.#files.values()];
  }

  reset(): void {
    this.#files.clear();
    this.#counter = 0;
  }
}

/** The public shape of a file (everything but its bytes). */
export function describeSimFile(file: SimFile): Omit<SimFile, 'content'> {
  const { content: _content, ...described } = file;
  return described;
}

/**
 * `POST /v1/files`: multipart form with `purpose` and `file`, as the `openai` SDK's
 * `files.create` sends it. Batch input must be JSONL (checked line by line when the batch runs).
 * @see https://platform.openai.com/docs/api-reference/files/create
 */
export async function uploadSimFile(store: SimFileStore, raw: Buffer, contentType: string | undefined): Promise<{ file: SimFile } | { error: OpenAIErrorReply }> {
  if (!contentType?.toLowerCase().startsWith('multipart/form-data')) {
    return { error: makeOpenAIError(400, "Invalid Content-Type header (expected multipart/form-data).", 'invalid_request_error') };
  }
  let form: FormData;
  try {
    form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  } catch {
    return { error: makeOpenAIError(400, 'Could not parse multipart form', 'invalid_request_error') };
  }
  const purpose = form.get('purpose');
  if (typeof purpose !== 'string') return { error: makeOpenAIError(400, "Missing required parameter: 'purpose'.", 'invalid_request_error', 'purpose', 'missing_required_parameter') };
  if (!PURPOSES.has(purpose)) {
    return { error: makeOpenAIError(400, `'${purpose}' is not one of ${[...PURPOSES].map((p) => `'${p}'`).join(', ')} - 'purpose'`, 'invalid_request_error', 'purpose', null) };
  }
  const file = form.get('file');
  if (file === null || typeof file === 'string') return { error: makeOpenAIError(400, "Missing required parameter: 'file'.", 'invalid_request_error', 'file', 'missing_required_parameter') };
  const filename = (file as File).name || 'upload';
  if (purpose === 'batch' && !filename.endsWith('.jsonl')) {
    return { error: makeOpenAIError(400, `Invalid file format for Batch API. Must be .jsonl`, 'invalid_request_error', 'file', null) };
  }
  return { file: store.add({ filename, purpose, content: Buffer.from(await file.arrayBuffer()) }) };
}

/** `GET /v1/files/{id}/content`: the bytes as stored. */
export function sendSimFileContent(res: ServerResponse, file: SimFile): void {
  const headers = buildSimHeaders('application/octet-stream');
  headers['content-length'] = String(file.content.length);
  headers['content-disposition'] = `attachment; filename="${file.filename}"`;
  res.writeHead(200, headers);
  res.end(file.content);
}

/** 404 for an unknown file id, worded as OpenAI words it. */
export function sendNoSuchFile(res: ServerResponse, id: string): void {
  const error = makeOpenAIError(404, `No such File object: ${id}`, 'invalid_request_error', 'id', null);
  sendJsonReply(res, error.status, error.body);
}
