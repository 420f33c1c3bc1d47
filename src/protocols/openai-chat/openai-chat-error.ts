import { UpstreamError } from '../../core/errors/upstream-error.js';
import type { ErrorCode } from '../../core/errors/error-codes.js';

/**
 * Turns an OpenAI-compatible error response into an UpstreamError: the status is kept where
 * it means something to the client (400, 401/403 of the provider become 502 since the
 * client's own key was fine, 404, 413, 429), retryability follows the status, and the
 * upstream body rides along as `metadata.raw` as OpenRouter does.
 * @see https://platform.openai.com/docs/guides/error-codes
 */
export function parseOpenAIChatError(options: {
  status: number;
  bodyText: string;
  retryAfter: string | undefined;
  provider: string;
}): UpstreamError {
  const { status, bodyText, provider } = options;
  const raw = parseJson(bodyText);
  const upstreamMessage = readMessage(raw) ?? (bodyText.slice(0, 200) || `HTTP ${status}`);
  const upstreamCode = readCode(raw);
  const retryAfterSeconds = parseRetryAfter(options.retryAfter);
  const isContextLength = upstreamCode === 'context_length_exceeded' || /maximum context length|context window/i.test(upstreamMessage);

  let code: ErrorCode = 'upstream_error';
  let clientStatus = 502;
  let retryable = false;
  if (isContextLength) {
    code = 'context_length_exceeded';
    clientStatus = 400;
  } else if (status === 400 || status === 404 || status === 413 || status === 422) {
    code = 'invalid_request';
    clientStatus = status;
  } else if (status === 429) {
    code = 'rate_limited';
    clientStatus = 429;
    retryable = true;
  } else if (status === 401 || status === 403) {
    // The gateway's own provider key was refused: a configuration problem, not the client's.
    retryable = true;
  } else if (status === 408 || status === 409 || status >= 500) {
    code = status === 503 || status === 529 ? 'upstream_overloaded' : 'upstream_error';
    clientStatus = status === 503 || status === 529 ? 503 : 502;
    retryable = true;
  }
  return new UpstreamError(code, {
    provider,
    upstreamStatus: status,
    status: clientStatus,
    retryable,
    retryAfterSeconds,
    message: clientStatus >= 500 ? 'Provider returned error' : (scrubSecrets(upstreamMessage) as string),
    raw: scrubSecrets(raw ?? bodyText.slice(0, 2000)),
    metadata: upstreamCode ? { provider_code: upstreamCode } : undefined,
  });
}

const KEY_LIKE = /\b(?:(?:sk|pk|rk|key|gsk|xai)[-_][A-Za-z0-9*._-]{6,}|AIza[A-Za-z0-9_-]{20,})/g;

/** Provider error bodies sometimes echo (part of) the API key; never pass that on. */
export function scrubSecrets(raw: unknown): unknown {
  const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
  if (text.search(KEY_LIKE) < 0) return raw;
  const scrubbed = text.replace(KEY_LIKE, '[REDACTED_KEY]');
  return typeof raw === 'string' ? scrubbed : JSON.parse(scrubbed);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function readMessage(raw: unknown): string | undefined {
  const error = (raw as { error?: unknown } | undefined)?.error;
  if (typeof error === 'string') return error;
  const message = (error as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
}

function readCode(raw: unknown): string | undefined {
  const error = (raw as { error?: { code?: unknown; type?: unknown } } | undefined)?.error;
  const code = error?.code ?? error?.type;
  return typeof code === 'string' ? code : undefined;
}

/** Retry-After is seconds or an HTTP date; returns whole seconds, at least 1. */
export function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.max(1, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(1, Math.ceil((date - Date.now()) / 1000));
}
