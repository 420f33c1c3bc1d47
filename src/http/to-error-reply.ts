import { GatewayError } from '../core/errors/gateway-error.js';
import { scrubSecretText, scrubSecrets } from '../core/secret-registry.js';

export interface ErrorReply {
  status: number;
  headers: Record<string, string>;
  body: { error: { code: number; message: string; metadata?: Record<string, unknown> } };
}

/**
 * The one function that turns any error into OpenRouter's envelope
 * `{"error":{"code":<status>,"message":…,"metadata":{…}}}`. Unknown errors become a masked
 * 500; their details go to the log, never to the client.
 */
export function toErrorReply(error: unknown): ErrorReply {
  if (!(error instanceof GatewayError)) {
    return { status: 500, headers: {}, body: { error: { code: 500, message: 'Internal server error' } } };
  }
  const headers: Record<string, string> = {};
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
  // Rate-limit headers travel in metadata.headers too (OpenRouter repeats them there).
  const extra = error.metadata?.headers;
  if (extra && typeof extra === 'object') {
    for (const [name, value] of Object.entries(extra)) if (typeof value === 'string') headers[name.toLowerCase()] = value;
  }
  // The last net before any client sees an error (JSON or in-band): no secret the gateway holds.
  const metadata = scrubSecrets({ error_type: error.errorType, ...error.metadata });
  return { status: error.status, headers, body: { error: { code: error.status, message: scrubSecretText(error.message), metadata } } };
}
