import { UpstreamError } from "../../core/errors/upstream-error.js";
import { classifyUpstreamStatus } from "../shared/classify-upstream-status.js";
import { parseRetryAfter } from "../shared/parse-retry-after.js";
import { scrubSecretText, scrubSecrets } from "../shared/scrub-secrets.js";
function parseOpenAIChatError(options) {
  const { status, bodyText, provider } = options;
  const raw = parseJson(bodyText);
  const upstreamMessage = readMessage(raw) ?? (bodyText.slice(0, 200) || `HTTP ${status}`);
  const upstreamCode = readCode(raw);
  const retryAfterSeconds = parseRetryAfter(options.retryAfter);
  const isContextLength = upstreamCode === "context_length_exceeded" || /maximum context length|context window/i.test(upstreamMessage);
  const { code, status: clientStatus, retryable } = classifyUpstreamStatus(status, { contextLength: isContextLength });
  return new UpstreamError(code, {
    provider,
    upstreamStatus: status,
    status: clientStatus,
    retryable,
    retryAfterSeconds,
    message: clientStatus >= 500 ? "Provider returned error" : scrubSecretText(upstreamMessage),
    raw: scrubSecrets(raw ?? bodyText.slice(0, 2e3)),
    metadata: upstreamCode ? { provider_code: upstreamCode } : void 0
  });
}
function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return void 0;
  }
}
function readMessage(raw) {
  const error = raw?.error;
  if (typeof error === "string") return error;
  const message = error?.message;
  return typeof message === "string" ? message : void 0;
}
function readCode(raw) {
  const error = raw?.error;
  const code = error?.code ?? error?.type;
  return typeof code === "string" ? code : void 0;
}
export {
  parseOpenAIChatError
};
//# sourceMappingURL=openai-chat-error.js.map
