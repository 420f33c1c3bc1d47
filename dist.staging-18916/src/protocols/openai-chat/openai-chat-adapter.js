import { UpstreamError } from "../../core/errors/upstream-error.js";
import { scrubSecretText, scrubSecrets } from "../shared/scrub-secrets.js";
import { fromOpenAIChatResponse } from "./from-openai-chat-response.js";
import { invalidResponse } from "../shared/invalid-response.js";
import { parseOpenAIChatError } from "./openai-chat-error.js";
import { OpenAIChatStreamDecoder } from "./openai-chat-stream.js";
import { toOpenAIChatRequest } from "./to-openai-chat-request.js";
const openAIChatAdapter = {
  relaysOpenAIFrames: true,
  buildCall({ request, provider, upstreamModel, stream }) {
    const headers = { "content-type": "application/json", ...provider.headers };
    if (provider.apiKey) headers.authorization = `Bearer ${provider.apiKey}`;
    if (stream) headers.accept = "text/event-stream";
    return {
      url: `${provider.baseUrl}/chat/completions`,
      headers,
      body: toOpenAIChatRequest({ request, upstreamModel, stream, openRouterDialect: provider.id === "openrouter" })
    };
  },
  readResult: (bodyText, provider) => fromOpenAIChatResponse(bodyText, provider.name),
  readError: ({ status, bodyText, retryAfter, provider }) => parseOpenAIChatError({ status, bodyText, retryAfter, provider: provider.name }),
  createStreamDecoder(provider) {
    const decoder = new OpenAIChatStreamDecoder();
    return {
      decode(event) {
        if (event.data === "[DONE]") return { parts: [], done: true };
        let chunk;
        try {
          chunk = JSON.parse(event.data);
        } catch {
          throw invalidResponse(provider.name, "stream chunk is not valid JSON", event.data);
        }
        if (chunk.error) throw streamedError(chunk.error, provider);
        return { parts: decoder.decode(chunk), done: false };
      }
    };
  }
};
function streamedError(error, provider) {
  const body = error;
  const status = typeof body.code === "number" ? body.code : 502;
  return new UpstreamError(status === 429 ? "rate_limited" : "upstream_error", {
    provider: provider.name,
    upstreamStatus: status,
    status: status === 429 ? 429 : 502,
    retryable: true,
    message: typeof body.message === "string" ? scrubSecretText(body.message) : "Provider returned error",
    raw: scrubSecrets(error)
  });
}
export {
  openAIChatAdapter,
  streamedError
};
//# sourceMappingURL=openai-chat-adapter.js.map
