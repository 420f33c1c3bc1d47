import type { ServerResponse } from 'node:http';

let requestCounter = 0;

/**
 * Headers every OpenAI reply carries (request id, version, rate-limit
 * state), plus the content type. Cheap on purpose: one small object per reply.
 * @see https://platform.openai.com/docs/api-reference/debugging-requests
 */
export function buildSimHeaders(contentType: string, extra?: Record<string, string>): Record<string, string> {
  requestCounter = (requestCounter + 1) % 0x7fffffff;
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-request-id': `req_sim${requestCounter.toString(16).padStart(8, '0')}`,
    'openai-version': '2020-10-01',
    'openai-organization': 'org-sim',
    'openai-processing-ms': '1',
    'x-ratelimit-limit-requests': '10000',
    'x-ratelimit-remaining-requests': '9999',
    'x-ratelimit-reset-requests': '6ms',
    'x-ratelimit-limit-tokens': '30000000',
    'x-ratelimit-remaining-tokens': '29999000',
    'x-ratelimit-reset-tokens': '2ms',
  };
  return extra ? Object.assign(headers, extra) : headers;
}

/** Send a JSON body with OpenAI's headers and an exact Content-Length. */
export function sendJsonReply(
  res: ServerResponse,
  status: number,
  body: unknown,
  extraHeaders?: Record<string, string>,
): void {
  sendRawJson(res, status, JSON.stringify(body), extraHeaders);
}

/** Send an already-serialized (possibly deliberately broken) JSON text. */
export function sendRawJson(
  res: ServerResponse,
  status: number,
  text: string,
  extraHeaders?: Record<string, string>,
): void {
  if (res.destroyed) return;
  const headers = buildSimHeaders('application/json', extraHeaders);
  headers['content-length'] = String(Buffer.byteLength(text));
  res.writeHead(status, headers);
  res.end(text);
}
