import { UpstreamError } from "../../core/errors/upstream-error.js";
import { parseRetryAfter } from "../shared/parse-retry-after.js";
import { scrubSecretText, scrubSecrets } from "../shared/scrub-secrets.js";
const RATE_LIMITED = { code: "rate_limited", status: 429, retryable: true };
const OVERLOADED = { code: "upstream_overloaded", status: 503, retryable: true };
const FAILED = { code: "upstream_error", status: 502, retryable: true };
const INVALID = { code: "invalid_request", status: 400, retryable: false };
const RULES = {
  throttlingexception: RATE_LIMITED,
  servicequotaexceededexception: RATE_LIMITED,
  modelnotreadyexception: OVERLOADED,
  serviceunavailableexception: OVERLOADED,
  internalserverexception: FAILED,
  modelerrorexception: FAILED,
  modelstreamerrorexception: FAILED,
  modeltimeoutexception: { code: "upstream_timeout", status: 504, retryable: true },
  accessdeniedexception: FAILED,
  unrecognizedclientexception: FAILED,
  invalidsignatureexception: FAILED,
  expiredtokenexception: FAILED,
  resourcenotfoundexception: FAILED,
  validationexception: INVALID
};
const CONTEXT_LENGTH = /too long|too many (input )?tokens|context (window|length)|exceeds? the maximum/i;
function parseBedrockError(options) {
  const { status, bodyText, provider } = options;
  const raw = parseJson(bodyText);
  const header = options.headers?.["x-amzn-errortype"];
  const typeSource = (Array.isArray(header) ? header[0] : header) ?? readString(raw, "__type") ?? "";
  const type = typeSource.split(":")[0]?.split("#").pop() ?? "";
  const message = readString(raw, "message") ?? readString(raw, "Message") ?? (bodyText.slice(0, 200) || `HTTP ${status}`);
  return toUpstreamError({ type, message, status, provider, raw: raw ?? bodyText.slice(0, 2e3), retryAfterSeconds: parseRetryAfter(options.retryAfter) });
}
function bedrockStreamException(options) {
  const raw = parseJson(options.bodyText);
  const message = readString(raw, "message") ?? (options.bodyText.slice(0, 200) || options.exceptionType);
  return toUpstreamError({ type: options.exceptionType, message, status: null, provider: options.provider, raw: raw ?? options.bodyText });
}
function toUpstreamError(options) {
  const { type, status, provider } = options;
  const rule = RULES[type.toLowerCase()] ?? ruleForStatus(status);
  const message = scrubSecretText(options.message);
  const isContextLength = rule === INVALID && CONTEXT_LENGTH.test(message);
  const clientFacing = rule.status < 500;
  return new UpstreamError(isContextLength ? "context_length_exceeded" : rule.code, {
    provider,
    upstreamStatus: status,
    status: rule.status,
    retryable: rule.retryable,
    retryAfterSeconds: options.retryAfterSeconds,
    message: clientFacing ? message : "Provider returned error",
    raw: scrubSecrets(options.raw ?? null),
    metadata: type ? { provider_code: type } : void 0
  });
}
function ruleForStatus(status) {
  if (status === 400 || status === 422) return INVALID;
  if (status === 429) return RATE_LIMITED;
  if (status === 503) return OVERLOADED;
  return FAILED;
}
function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return void 0;
  }
}
function readString(raw, field) {
  const value = raw?.[field];
  return typeof value === "string" && value !== "" ? value : void 0;
}
export {
  bedrockStreamException,
  parseBedrockError
};
//# sourceMappingURL=bedrock-converse-error.js.map
