import { UpstreamError } from "../../core/errors/upstream-error.js";
import { createGeminiStreamDecoder } from "../gemini/gemini-adapter.js";
import { fromGeminiResponse } from "../gemini/from-gemini-response.js";
import { parseGeminiError } from "../gemini/gemini-error.js";
import { toGeminiRequest } from "../gemini/to-gemini-request.js";
import { GoogleTokenSource } from "./google-token-source.js";
function createVertexAdapter() {
  const sources = /* @__PURE__ */ new Map();
  const sourceFor = (credentials) => {
    const key = `${credentials.tokenUri}
${credentials.type === "service_account" ? credentials.clientEmail : credentials.clientId}`;
    let source = sources.get(key);
    if (!source) {
      source = new GoogleTokenSource(credentials);
      sources.set(key, source);
    }
    return source;
  };
  return {
    relaysOpenAIFrames: false,
    async buildCall({ request, provider, upstreamModel, stream }) {
      const settings = provider.vertex;
      const model = upstreamModel.replace(/^(publishers\/google\/)?models\//, "");
      if (!settings || model.includes("/") || model.startsWith("claude-")) {
        throw new UpstreamError("upstream_error", {
          provider: provider.name,
          upstreamStatus: null,
          retryable: true,
          message: `${provider.name}: ${model} is not a Gemini model; Switchyard speaks only Vertex AI's Gemini API`
        });
      }
      const method = stream ? "streamGenerateContent?alt=sse" : "generateContent";
      const headers = { "content-type": "application/json", ...provider.headers };
      let url;
      if (settings.credentials) {
        headers.authorization = `Bearer ${await sourceFor(settings.credentials).getToken(provider.name)}`;
        const { project, region } = settings;
        url = `${provider.baseUrl}/v1/projects/${encodeURIComponent(project)}/locations/${encodeURIComponent(region)}/publishers/google/models/${encodeURIComponent(model)}:${method}`;
      } else {
        if (provider.apiKey) headers["x-goog-api-key"] = provider.apiKey;
        url = `${provider.baseUrl}/v1/publishers/google/models/${encodeURIComponent(model)}:${method}`;
      }
      return { url, headers, body: JSON.stringify(toGeminiRequest({ request, upstreamModel: model })) };
    },
    readResult: (bodyText, provider) => fromGeminiResponse(bodyText, provider.name),
    readError({ status, bodyText, retryAfter, provider }) {
      if (status === 401 && provider.vertex?.credentials) sourceFor(provider.vertex.credentials).invalidate();
      return parseGeminiError({ status, bodyText, retryAfter, provider: provider.name });
    },
    createStreamDecoder: (provider) => createGeminiStreamDecoder(provider)
  };
}
export {
  createVertexAdapter
};
//# sourceMappingURL=vertex-adapter.js.map
