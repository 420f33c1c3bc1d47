import type { ServerResponse } from 'node:http';

/** Headers every Anthropic reply carries (rate-limit state, organisation), plus the content type. */
export function buildAnthropicHeaders(contentType: string, extra?: Record<string, string>): Record<string, string> {
  const reset = new Date(Date.now() + 60_000).toISOString();
  const headers: Record<string, string> = {
    'content-type': contentType,
    'anthropic-organization-id': '00000000-0000-4000-8000-000000000000',
    'anthropic-ratelimit-requests-limit': '4000',
    'anthropic-ratelimit-requests-remaining': '3999',
    'anthropic-ratelimit-requests-reset': reset,
    'anthropic-ratelimit-tokens-limit': '2000000',
    'anthropic-ratelimit-tokens-remaining': '1999000',
    'anthropic-ratelimit-tokens-reset': reset,
  };
  return extra ? Object.assign(headers, extra) : headers;
}

/** Sends JSON (or deliberately broken JSON text) with Anthropic's headers and an exact length. */
export function sendAnthropicJson(res: ServerResponse, status: number, body: unknown, extraHeaders?: Record<string, string>): void {
  if (res.destroyed) return;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const headers = buildAnthropicHeaders('application/json', extraHeaders);
  headers['content-length'] = String(Buffer.byteLength(text));
  res.writeHead(status, headers);
  res.end(text);
}
