import { UpstreamError } from "../../core/errors/upstream-error.js";
import { classifyUpstreamStatus } from "../shared/classify-upstream-status.js";
import { parseRetryAfter } from "../shared/parse-retry-after.js";
import { scrubSecretText, scrubSecrets } from "../shared/scrub-secrets.js";
const STATUS_OF_TYPE = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529
};
const CONTEXT_LENGTH = /prompt is too long|context window|maximum context length|input length and `max_tokens` exceed context limit/i;
function parseAnthropicError(options) {
  const { status, bodyText, provider } = options;
  let raw;
  try {
    raw = JSON.parse(bodyText);
  } catch {
    raw = void 0;
  }
  const error = raw?.error;
  const type = typeof error?.type === "string" ? error.type : void 0;
  const upstreamMessage = typeof error?.message === "string" ? error.message : bodyText.slice(0, 200) || `HTTP ${status}`;
  const { code, status: clientStatus, retryable } = classifyUpstreamStatus(status, {
    contextLength: status === 400 && CONTEXT_LENGTH.test(upstreamMessage),
    overloaded: type === "overloaded_error"
  });
  return new UpstreamError(code, {
    provider,
    upstreamStatus: status,
    status: clientStatus,
    retryable,
    retryAfterSeconds: parseRetryAfter(options.retryAfter),
    message: clientStatus >= 500 ? "Provider returned error" : scrubSecretText(upstreamMessage),
    raw: scrubSecrets(raw ?? bodyText.slice(0, 2e3)),
    metadata: type ? { provider_code: type } : void 0
  });
}
function anthropicStreamError(body, provider) {
  const type = body?.error?.type;
  const status = (typeof type === "string" ? STATUS_OF_TYPE[type] : void 0) ?? 500;
  return parseAnthropicError({ status, bodyText: JSON.stringify(body), retryAfter: void 0, provider });
}
export {
  anthropicStreamError,
  parseAnthropicError
};
//# sourceMappingURL=anthropic-messages-error.js.map
