import type { ErrorCode } from '../../core/errors/error-codes.js';
import { UpstreamError } from '../../core/errors/upstream-error.js';
import { parseRetryAfter } from '../shared/parse-retry-after.js';
import { scrubSecretText, scrubSecrets } from '../shared/scrub-secrets.js';
import type { GeminiErrorBody } from './gemini-api.js';

interface Mapping {
  code: ErrorCode;
  status: number;
  retryable: boolean;
}

/**
 * google.rpc status → gateway error. The gateway's own credentials being refused
 * (UNAUTHENTICATED, PERMISSION_DENIED, an invalid API key) is a configuration problem, not
 * the client's: 502 and retryable so another endpoint can serve. NOT_FOUND (a model this
 * endpoint does not have) also lets failover try the next endpoint.
 */
const BY_STATUS: Record<string, Mapping> = {
  INVALID_ARGUMENT: { code: 'invalid_request', status: 400, retryable: false },
  OUT_OF_RANGE: { code: 'invalid_request', status: 400, retryable: false },
  FAILED_PRECONDITION: { code: 'upstream_error', status: 502, retryable: true },
  UNAUTHENTICATED: { code: 'upstream_error', status: 502, retryable: true },
  PERMISSION_DENIED: { code: 'upstream_error', status: 502, retryable: true },
  NOT_FOUND: { code: 'invalid_request', status: 404, retryable: true },
  RESOURCE_EXHAUSTED: { code: 'rate_limited', status: 429, retryable: true },
  CANCELLED: { code: 'upstream_error', status: 502, retryable: true },
  ABORTED: { code: 'upstream_error', status: 502, retryable: true },
  INTERNAL: { code: 'upstream_error', status: 502, retryable: true },
  UNKNOWN: { code: 'upstream_error', status: 502, retryable: true },
  UNAVAILABLE: { code: 'upstream_overloaded', status: 503, retryable: true },
  DEADLINE_EXCEEDED: { code: 'upstream_timeout', status: 504, retryable: true },
};

const BY_HTTP: Record<number, string> = {
  400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL', 503: 'UNAVAILABLE', 504: 'DEADLINE_EXCEEDED',
};

const CONTEXT_LENGTH = /input token count.*exceeds the maximum|exceeds the maximum number of tokens|context (length|window)/i;

/**
 * Turns a Gemini / Vertex error response (`{error:{code,message,status,details}}`) into an
 * UpstreamError with OpenRouter's status and retryability. `RESOURCE_EXHAUSTED` carries
 * `google.rpc.RetryInfo.retryDelay` ("37s"), used as Retry-After when no header was sent.
 * @see https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes
 */
export function parseGeminiError(options: { status: number; bodyText: string; retryAfter: string | undefined; provider: string }): UpstreamError {
  let raw: unknown;
  try {
    raw = JSON.parse(options.bodyText);
  } catch {
    raw = undefined;
  }
  const body = Array.isArray(raw) ? raw[0] : raw; // streamGenerateContent without alt=sse wraps it in an array
  const error = (body as Partial<GeminiErrorBody> | undefined)?.error;
  return toGeminiUpstreamError({
    httpStatus: options.status,
    error: error && typeof error === 'object' ? error : undefined,
    raw: raw ?? options.bodyText.slice(0, 2000),
    retryAfter: options.retryAfter,
    provider: options.provider,
  });
}

/** An `{error:{…}}` object that arrived inside a 200 stream. */
export function geminiStreamError(error: unknown, provider: string): UpstreamError {
  const body = (error && typeof error === 'object' ? error : {}) as GeminiErrorBody['error'];
  return toGeminiUpstreamError({ httpStatus: typeof body.code === 'number' ? body.code : 500, error: body, raw: { error }, retryAfter: undefined, provider });
}

function toGeminiUpstreamError(options: {
  httpStatus: number;
  error: GeminiErrorBody['error'] | undefined;
  raw: unknown;
  retryAfter: string | undefined;
  provider: string;
}): UpstreamError {
  const { httpStatus, error, provider } = options;
  const rpcStatus = typeof error?.status === 'string' ? error.status : (BY_HTTP[httpStatus] ?? (httpStatus >= 500 ? 'INTERNAL' : 'INVALID_ARGUMENT'));
  const upstreamMessage = typeof error?.message === 'string' && error.message ? error.message : `HTTP ${httpStatus}`;
  const reason = error?.details?.find((detail) => typeof detail?.reason === 'string')?.reason;
  let mapping = BY_STATUS[rpcStatus] ?? BY_STATUS.INTERNAL!;
  if (reason === 'API_KEY_INVALID' || reason === 'API_KEY_EXPIRED') mapping = BY_STATUS.UNAUTHENTICATED!;
  else if (mapping.code === 'invalid_request' && CONTEXT_LENGTH.test(upstreamMessage)) mapping = { code: 'context_length_exceeded', status: 400, retryable: false };
  return new UpstreamError(mapping.code, {
    provider,
    upstreamStatus: httpStatus,
    status: mapping.status,
    retryable: mapping.retryable,
    retryAfterSeconds: parseRetryAfter(options.retryAfter) ?? readRetryDelay(error),
    message: mapping.status >= 500 ? 'Provider returned error' : scrubSecretText(upstreamMessage),
    raw: scrubSecrets(options.raw),
    metadata: { provider_code: rpcStatus, ...(reason ? { provider_reason: reason } : {}) },
  });
}

/** `google.rpc.RetryInfo.retryDelay` ("37s", "1.5s") in whole seconds, at least 1. */
function readRetryDelay(error: GeminiErrorBody['error'] | undefined): number | undefined {
  const info = error?.details?.find((detail) => typeof detail?.['@type'] === 'string' && detail['@type'].endsWith('google.rpc.RetryInfo'));
  const match = typeof info?.retryDelay === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(info.retryDelay) : null;
  return match ? Math.max(1, Math.ceil(Number(match[1]))) : undefined;
}
