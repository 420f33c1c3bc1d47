import { UpstreamError } from "../../core/errors/upstream-error.js";
import { parseOpenAIChatError } from "../openai-chat/openai-chat-error.js";
function parseAzureOpenAIError(options) {
  const error = parseOpenAIChatError(options);
  if (error.metadata?.provider_code !== "content_filter") return error;
  return new UpstreamError("invalid_request", {
    provider: options.provider,
    upstreamStatus: options.status,
    status: 400,
    retryable: false,
    message: error.message,
    raw: error.metadata.raw,
    metadata: { provider_code: "content_filter", error_type: "invalid_prompt", reasons: filteredCategories(error.metadata.raw) }
  });
}
function filteredCategories(raw) {
  const inner = raw?.error?.innererror;
  const result = inner?.content_filter_result;
  if (typeof result !== "object" || result === null) return [];
  return Object.entries(result).filter(([, value]) => value?.filtered === true).map(([category]) => category);
}
export {
  parseAzureOpenAIError
};
//# sourceMappingURL=azure-openai-error.js.map
