import type { UpstreamError } from '../../core/errors/upstream-error.js';
import type { Provider } from '../../core/provider-types.js';
import { invalidResponse } from '../../protocols/shared/invalid-response.js';
import { readUpstreamText } from '../../upstream/read-upstream-body.js';
import { toUpstreamError, type UpstreamClient, type UpstreamResponse } from '../../upstream/upstream-client.js';

/** How one protocol's batch client reaches its upstream. */
export interface BatchCallContext {
  provider: Provider;
  upstream: UpstreamClient;
  /** The protocol's error reader (the chat adapter's), so batch calls fail like chat calls. */
  readError(options: { status: number; bodyText: string; retryAfter: string | undefined; provider: string }): UpstreamError;
}

export interface BatchCall {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

/** Batch objects are small; anything larger is not a batch object. */
const JSON_LIMIT_BYTES = 8 * 1024 * 1024;
/** One result line holds one response; a runaway upstream must not exhaust memory. */
const LINE_LIMIT_BYTES = 64 * 1024 * 1024;

/** Send one call; a non-2xx answer is thrown as the protocol's typed UpstreamError. */
export async function sendBatchCall(context: BatchCallContext, call: BatchCall): Promise<UpstreamResponse> {
  const { provider } = context;
  const request = {
    url: call.url,
    method: call.method,
    headers: call.headers,
    body: call.body,
    timeouts: provider.timeouts,
    signal: call.signal ?? new AbortController().signal,
    providerName: provider.name,
  };
  const response = await context.upstream.send(request);
  if (response.status >= 200 && response.status < 300) return response;
  const bodyText = await readUpstreamText(response, { request, limitBytes: JSON_LIMIT_BYTES }).catch(() => '');
  const retryAfter = response.headers['retry-after'];
  throw context.readError({ status: response.status, bodyText, retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, provider: provider.name });
}

/** Send one call and parse its JSON object answer. */
export async function fetchBatchJson(context: BatchCallContext, call: BatchCall): Promise<Record<string, unknown>> {
  const response = await sendBatchCall(context, call);
  const request = { providerName: context.provider.name, timeouts: context.provider.timeouts, signal: call.signal ?? new AbortController().signal };
  const text = await readUpstreamText(response, { request, limitBytes: JSON_LIMIT_BYTES });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidResponse(context.provider.name, 'batch API answer is not valid JSON', text);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidResponse(context.provider.name, 'batch API answer is not a JSON object', text);
  return value as Record<string, unknown>;
}

/** Stream a JSONL answer (results, output files) as parsed lines, without holding the whole file. */
export async function* fetchBatchJsonl(context: BatchCallContext, call: BatchCall): AsyncGenerator<Record<string, unknown>> {
  const response = await sendBatchCall(context, call);
  const decoder = new TextDecoder();
  let pending = '';
  const parse = (line: string): Record<string, unknown> | undefined => {
    if (line.trim() === '') return undefined;
    try {
      const value = JSON.parse(line) as unknown;
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // reported below
    }
    throw invalidResponse(context.provider.name, 'batch results line is not a JSON object', line);
  };
  try {
    for await (const chunk of response.body) {
      pending += decoder.decode(chunk as Buffer, { stream: true });
      let start = 0;
      let newline = pending.indexOf('\n');
      while (newline !== -1) {
        const entry = parse(pending.slice(start, newline));
        start = newline + 1;
        if (entry) yield entry;
        newline = pending.indexOf('\n', start);
      }
      pending = pending.slice(start);
      if (pending.length > LINE_LIMIT_BYTES) throw invalidResponse(context.provider.name, `batch results line longer than ${LINE_LIMIT_BYTES} bytes`, pending.slice(0, 200));
    }
    pending += decoder.decode();
  } catch (error) {
    throw toUpstreamError(error, {
      request: { providerName: context.provider.name, timeouts: context.provider.timeouts, signal: call.signal ?? new AbortController().signal },
      deadline: response.deadline,
    });
  } finally {
    if (!response.body.destroyed) response.body.destroy();
  }
  const last = parse(pending);
  if (last) yield last;
}
