import { UpstreamError } from "../../core/errors/upstream-error.js";
import { parseRetryAfter } from "../shared/parse-retry-after.js";
import { scrubSecretText, scrubSecrets } from "../shared/scrub-secrets.js";
const BY_STATUS = {
  INVALID_ARGUMENT: { code: "invalid_request", status: 400, retryable: false },
  OUT_OF_RANGE: { code: "invalid_request", status: 400, retryable: false },
  FAILED_PRECONDITION: { code: "upstream_error", status: 502, retryable: true },
  UNAUTHENTICATED: { code: "upstream_error", status: 502, retryable: true },
  PERMISSION_DENIED: { code: "upstream_error", status: 502, retryable: true },
  NOT_FOUND: { code: "invalid_request", status: 404, retryable: true },
  RESOURCE_EXHAUSTED: { code: "rate_limited", status: 429, retryable: true },
  CANCELLED: { code: "upstream_error", status: 502, retryable: true },
  ABORTED: { code: "upstream_error", status: 502, retryable: true },
  INTERNAL: { code: "upstream_error", status: 502, retryable: true },
  UNKNOWN: { code: "upstream_error", status: 502, retryable: true },
  UNAVAILABLE: { code: "upstream_overloaded", status: 503, retryable: true },
  DEADLINE_EXCEEDED: { code: "upstream_timeout", status: 504, retryable: true }
};
const BY_HTTP = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED"
};
const CONTEXT_LENGTH = /input token count.*exceeds the maximum|exceeds the maximum number of tokens|context (length|window)/i;
function parseGeminiError(options) {
  let raw;
  try {
    raw = JSON.parse(options.bodyText);
  } catch {
    raw = void 0;
  }
  const body = Array.isArray(raw) ? raw[0] : raw;
  const error = body?.error;
  return toGeminiUpstreamError({
    httpStatus: options.status,
    error: error && typeof error === "object" ? error : void 0,
    raw: raw ?? options.bodyText.slice(0, 2e3),
    retryAfter: options.retryAfter,
    provider: options.provider
  });
}
function geminiStreamError(error, provider) {
  const body = error && typeof error === "object" ? error : {};
  return toGeminiUpstreamError({ httpStatus: typeof body.code === "number" ? body.code : 500, error: body, raw: { error }, retryAfter: void 0, provider });
}
function toGeminiUpstreamError(options) {
  const { httpStatus, error, provider } = options;
  const rpcStatus = typeof error?.status === "string" ? error.status : BY_HTTP[httpStatus] ?? (httpStatus >= 500 ? "INTERNAL" : "INVALID_ARGUMENT");
  const upstreamMessage = typeof error?.message === "string" && error.message ? error.message : `HTTP ${httpStatus}`;
  const reason = error?.details?.find((detail) => typeof detail?.reason === "string")?.reason;
  let mapping = BY_STATUS[rpcStatus] ?? BY_STATUS.INTERNAL;
  if (reason === "API_KEY_INVALID" || reason === "API_KEY_EXPIRED") mapping = BY_STATUS.UNAUTHENTICATED;
  else if (mapping.code === "invalid_request" && CONTEXT_LENGTH.test(upstreamMessage)) mapping = { code: "context_length_exceeded", status: 400, retryable: false };
  return new UpstreamError(mapping.code, {
    provider,
    upstreamStatus: httpStatus,
    status: mapping.status,
    retryable: mapping.retryable,
    retryAfterSeconds: parseRetryAfter(options.retryAfter) ?? readRetryDelay(error),
    message: mapping.status >= 500 ? "Provider returned error" : scrubSecretText(upstreamMessage),
    raw: scrubSecrets(options.raw),
    metadata: { provider_code: rpcStatus, ...reason ? { provider_reason: reason } : {} }
  });
}
function readRetryDelay(error) {
  const info = error?.details?.find((detail) => typeof detail?.["@type"] === "string" && detail["@type"].endsWith("google.rpc.RetryInfo"));
  const match = typeof info?.retryDelay === "string" ? /^(\d+(?:\.\d+)?)s$/.exec(info.retryDelay) : null;
  return match ? Math.max(1, Math.ceil(Number(match[1]))) : void 0;
}
export {
  geminiStreamError,
  parseGeminiError
};
//# sourceMappingURL=gemini-error.js.map
