import { UpstreamError } from '../../core/errors/upstream-error.js';
import { classifyUpstreamStatus } from '../shared/classify-upstream-status.js';
import { parseRetryAfter } from '../shared/parse-retry-after.js';
import { scrubSecretText, scrubSecrets } from '../shared/scrub-secrets.js';

/**
 * Turns an OpenAI-compatible error response into an UpstreamError: status and retryability
 * as {@link classifyUpstreamStatus} decides (a context-length message or code at any status is
 * `context_length_exceeded`), and the upstream body rides along as `metadata.raw`, keys
 * scrubbed, as OpenRouter does.
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

  const { code, status: clientStatus, retryable } = classifyUpstreamStatus(status, { contextLength: isContextLength });
  return new UpstreamError(code, {
    provider,
    upstreamStatus: status,
    status: clientStatus,
    retryable,
    retryAfterSeconds,
    message: clientStatus >= 500 ? 'Provider returned error' : scrubSecretText(upstreamMessage),
    raw: scrubSecrets(raw ?? bodyText.slice(0, 2000)),
    metadata: upstreamCode ? { provider_code: upstreamCode } : undefined,
  });
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
