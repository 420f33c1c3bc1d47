import { UpstreamError } from "../../core/errors/upstream-error.js";
import { getCloudCredential } from "../shared/get-cloud-credential.js";
import { invalidResponse } from "../shared/invalid-response.js";
import { bedrockStreamException, parseBedrockError } from "./bedrock-converse-error.js";
import { BedrockConverseStreamDecoder } from "./bedrock-converse-stream.js";
import { fromBedrockConverseResponse } from "./from-bedrock-converse-response.js";
import { signBedrockRequest } from "./sign-bedrock-request.js";
import { toBedrockConverseRequest } from "./to-bedrock-converse-request.js";
const bedrockConverseAdapter = {
  relaysOpenAIFrames: false,
  streamFraming: "aws-eventstream",
  async buildCall({ request, provider, upstreamModel, stream, maxOutputTokens }) {
    const url = `${provider.baseUrl}/model/${encodeModelId(upstreamModel)}/${stream ? "converse-stream" : "converse"}`;
    const body = JSON.stringify(toBedrockConverseRequest({ request, upstreamModel, maxOutputTokens }));
    const headers = {
      "content-type": "application/json",
      accept: stream ? "application/vnd.amazon.eventstream" : "application/json",
      ...provider.headers
    };
    if (provider.apiKey) {
      headers.authorization = `Bearer ${provider.apiKey}`;
      return { url, headers, body };
    }
    if (!provider.aws?.credentials && !provider.aws?.credentialSource) {
      throw new UpstreamError("upstream_error", {
        provider: provider.name,
        upstreamStatus: null,
        retryable: true,
        message: `${provider.name} has no AWS credentials or Bedrock API key configured`
      });
    }
    if (!provider.aws.credentials && provider.aws.credentialSource) await getCloudCredential(provider.aws.credentialSource, provider.name);
    return { url, headers: await signBedrockRequest({ url, headers, body, aws: provider.aws }), body };
  },
  readResult: (bodyText, provider) => fromBedrockConverseResponse(bodyText, provider.name),
  readError({ status, bodyText, retryAfter, provider, headers }) {
    if (status === 403 && !provider.apiKey) provider.aws?.credentialSource?.invalidate();
    return parseBedrockError({ status, bodyText, retryAfter, headers, provider: provider.name });
  },
  createStreamDecoder(provider) {
    const decoder = new BedrockConverseStreamDecoder();
    return {
      decode(event) {
        const name = event.event ?? "";
        if (name.startsWith("exception:") || name.startsWith("error:")) {
          throw bedrockStreamException({ exceptionType: name.slice(name.indexOf(":") + 1), bodyText: event.data, provider: provider.name });
        }
        let payload;
        try {
          payload = JSON.parse(event.data);
        } catch {
          throw invalidResponse(provider.name, "stream event is not valid JSON", event.data);
        }
        return decoder.decode(event.event, payload);
      }
    };
  }
};
function encodeModelId(modelId) {
  return encodeURIComponent(modelId).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
export {
  bedrockConverseAdapter,
  encodeModelId
};
//# sourceMappingURL=bedrock-converse-adapter.js.map
