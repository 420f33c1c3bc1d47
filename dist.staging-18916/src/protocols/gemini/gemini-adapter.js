import { invalidResponse } from "../shared/invalid-response.js";
import { fromGeminiResponse } from "./from-gemini-response.js";
import { geminiStreamError, parseGeminiError } from "./gemini-error.js";
import { GeminiStreamDecoder } from "./gemini-stream.js";
import { toGeminiRequest } from "./to-gemini-request.js";
const geminiAdapter = {
  relaysOpenAIFrames: false,
  buildCall({ request, provider, upstreamModel, stream }) {
    const headers = { "content-type": "application/json", ...provider.headers };
    if (provider.apiKey) headers["x-goog-api-key"] = provider.apiKey;
    const model = encodeURIComponent(upstreamModel.replace(/^models\//, ""));
    return {
      url: `${provider.baseUrl}/models/${model}:${stream ? "streamGenerateContent?alt=sse" : "generateContent"}`,
      headers,
      body: JSON.stringify(toGeminiRequest({ request, upstreamModel }))
    };
  },
  readResult: (bodyText, provider) => fromGeminiResponse(bodyText, provider.name),
  readError: ({ status, bodyText, retryAfter, provider }) => parseGeminiError({ status, bodyText, retryAfter, provider: provider.name }),
  createStreamDecoder: createGeminiStreamDecoder
};
function createGeminiStreamDecoder(provider) {
  const decoder = new GeminiStreamDecoder();
  return {
    decode(event) {
      let chunk;
      try {
        chunk = JSON.parse(event.data);
      } catch {
        throw invalidResponse(provider.name, "stream chunk is not valid JSON", event.data);
      }
      if (!chunk || typeof chunk !== "object") throw invalidResponse(provider.name, "stream chunk is not an object", event.data);
      if (chunk.error) throw geminiStreamError(chunk.error, provider.name);
      return { parts: decoder.decode(chunk), done: false };
    }
  };
}
export {
  createGeminiStreamDecoder,
  geminiAdapter
};
//# sourceMappingURL=gemini-adapter.js.map
