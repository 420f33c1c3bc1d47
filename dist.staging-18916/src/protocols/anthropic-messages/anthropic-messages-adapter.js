import { invalidResponse } from "../shared/invalid-response.js";
import { ANTHROPIC_VERSION } from "./anthropic-messages-api.js";
import { anthropicStreamError, parseAnthropicError } from "./anthropic-messages-error.js";
import { AnthropicMessagesStreamDecoder } from "./anthropic-messages-stream.js";
import { fromAnthropicMessagesResponse } from "./from-anthropic-messages-response.js";
import { toAnthropicMessagesRequest } from "./to-anthropic-messages-request.js";
const anthropicMessagesAdapter = {
  relaysOpenAIFrames: false,
  buildCall({ request, provider, upstreamModel, stream, maxOutputTokens }) {
    const { body, betas } = toAnthropicMessagesRequest({ request, upstreamModel, stream, maxOutputTokens });
    const headers = {
      "content-type": "application/json",
      "anthropic-version": ANTHROPIC_VERSION,
      ...provider.headers
    };
    if (provider.apiKey) headers["x-api-key"] = provider.apiKey;
    if (stream) headers.accept = "text/event-stream";
    if (betas.length > 0) {
      const configured = headers["anthropic-beta"]?.split(",").map((flag) => flag.trim()).filter(Boolean) ?? [];
      headers["anthropic-beta"] = [.../* @__PURE__ */ new Set([...configured, ...betas])].join(",");
    }
    return { url: messagesUrl(provider.baseUrl), headers, body: JSON.stringify(body) };
  },
  readResult: (bodyText, provider) => fromAnthropicMessagesResponse(bodyText, provider.name),
  readError: ({ status, bodyText, retryAfter, provider }) => parseAnthropicError({ status, bodyText, retryAfter, provider: provider.name }),
  createStreamDecoder(provider) {
    const decoder = new AnthropicMessagesStreamDecoder();
    return {
      decode(event) {
        let data;
        try {
          data = JSON.parse(event.data);
        } catch {
          throw invalidResponse(provider.name, "stream event is not valid JSON", event.data);
        }
        if (event.event === "error" || data?.type === "error") throw anthropicStreamError(data, provider.name);
        if (!data || typeof data !== "object") throw invalidResponse(provider.name, "stream event is not an object", event.data);
        return { parts: decoder.decode(data), done: decoder.done };
      },
      end() {
        if (!decoder.done) throw invalidResponse(provider.name, "the stream ended before message_stop", "");
      }
    };
  }
};
function messagesUrl(baseUrl) {
  return baseUrl.endsWith("/v1") ? `${baseUrl}/messages` : `${baseUrl}/v1/messages`;
}
export {
  anthropicMessagesAdapter
};
//# sourceMappingURL=anthropic-messages-adapter.js.map
