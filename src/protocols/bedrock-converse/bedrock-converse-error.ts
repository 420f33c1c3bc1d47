import type { ErrorCode } from '../../core/errors/error-codes.js';
import { UpstreamError } from '../../core/errors/upstream-error.js';
import { parseRetryAfter } from '../shared/parse-retry-after.js';
import { scrubSecretText, scrubSecrets } from '../shared/scrub-secrets.js';

interface ErrorRule {
  code: ErrorCode;
  status: number;
  retryable: boolean;
}

const RATE_LIMITED: ErrorRule = { code: 'rate_limited', status: 429, retryable: true };
const OVERLOADED: ErrorRule = { code: 'upstream_overloaded', status: 503, retryable: true };
const FAILED: ErrorRule = { code: 'upstream_error', status: 502, retryable: true };
const INVALID: ErrorRule = { code: 'invalid_request', status: 400, retryable: false };

/**
 * Bedrock exception → how the gateway reports it. Lower-cased so HTTP error types
 * (`ThrottlingException`) and in-stream `:exception-type`s (`throttlingException`) share it.
 * Credential and access errors concern the gateway's AWS account, not the client, so they
 * are 502s that fail over; so is a model missing from the account or region (404): the endpoint
 * is misconfigured, and health tracking should steer away from it.
 */
const RULES: Record<string, ErrorRule> = {
  throttlingexception: RATE_LIMITED,
  servicequotaexceededexception: RATE_LIMITED,
  modelnotreadyexception: OVERLOADED,
  serviceunavailableexception: OVERLOADED,
  internalserverexception: FAILED,
  modelerrorexception: FAILED,
  modelstreamerrorexception: FAILED,
  modeltimeoutexception: { code: 'upstream_timeout', status: 504, retryable: true },
  accessdeniedexception: FAILED,
  unrecognizedclientexception: FAILED,
  invalidsignatureexception: FAILED,
  expiredtokenexception: FAILED,
  resourcenotfoundexception: FAILED,
  validationexception: INVALID,
};

const CONTEXT_LENGTH = /too long|too many (input )?tokens|context (window|length)|exceeds? the maximum/i;

/**
 * Maps a Bedrock HTTP error (type in `x-amzn-ErrorType`, else `__type` in the body, else
 * the status) to an UpstreamError with the right client status and retryability.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_Errors
 */
export function parseBedrockError(options: {
  status: number;
  bodyText: string;
  provider: string;
  headers?: Record<string, string | string[] | undefined>;
  retryAfter?: string;
}): UpstreamError {
  const { status, bodyText, provider } = options;
  const raw = parseJson(bodyText);
  const header = options.headers?.['x-amzn-errortype'];
  const typeSource = (Array.isArray(header) ? header[0] : header) ?? readString(raw, '__type') ?? '';
  // "ValidationException:http://internal.amazon.com/coral/…" and "com.amazon.coral#ValidationException" both occur.
  const type = typeSource.split(':')[0]?.split('#').pop() ?? '';
  const message = readString(raw, 'message') ?? readString(raw, 'Message') ?? (bodyText.slice(0, 200) || `HTTP ${status}`);
  return toUpstreamError({ type, message, status, provider, raw: raw ?? bodyText.slice(0, 2000), retryAfterSeconds: parseRetryAfter(options.retryAfter) });
}

/**
 * Maps an exception frame inside a ConverseStream (`:message-type: exception`) to an
 * UpstreamError; before the first byte reaches the client it fails over like an HTTP error,
 * after it becomes the in-band error chunk.
 */
export function bedrockStreamException(options: { exceptionType: string; bodyText: string; provider: string }): UpstreamError {
  const raw = parseJson(options.bodyText);
  const message = readString(raw, 'message') ?? (options.bodyText.slice(0, 200) || options.exceptionType);
  return toUpstreamError({ type: options.exceptionType, message, status: null, provider: options.provider, raw: raw ?? options.bodyText });
}

function toUpstreamError(options: {
  type: string;
  message: string;
  status: number | null;
  provider: string;
  raw: unknown;
  retryAfterSeconds?: number;
}): UpstreamError {
  const { type, status, provider } = options;
  const rule = RULES[type.toLowerCase()] ?? ruleForStatus(status);
  const message = scrubSecretText(options.message);
  const isContextLength = rule === INVALID && CONTEXT_LENGTH.test(message);
  const clientFacing = rule.status < 500;
  return new UpstreamError(isContextLength ? 'context_length_exceeded' : rule.code, {
    provider,
    upstreamStatus: status,
    status: rule.status,
    retryable: rule.retryable,
    retryAfterSeconds: options.retryAfterSeconds,
    message: clientFacing ? message : 'Provider returned error',
    raw: scrubSecrets(options.raw ?? null),
    metadata: type ? { provider_code: type } : undefined,
  });
}

function ruleForStatus(status: number | null): ErrorRule {
  if (status === 400 || status === 422) return INVALID;
  if (status === 429) return RATE_LIMITED;
  if (status === 503) return OVERLOADED;
  return FAILED;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function readString(raw: unknown, field: string): string | undefined {
  const value = (raw as Record<string, unknown> | undefined)?.[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
