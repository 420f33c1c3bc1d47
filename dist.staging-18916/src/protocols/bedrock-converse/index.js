import { bedrockConverseAdapter, encodeModelId } from "./bedrock-converse-adapter.js";
import { toBedrockConverseRequest, JSON_RESPONSE_TOOL } from "./to-bedrock-converse-request.js";
import { fromBedrockConverseResponse } from "./from-bedrock-converse-response.js";
import { BedrockConverseStreamDecoder } from "./bedrock-converse-stream.js";
import { parseBedrockError, bedrockStreamException } from "./bedrock-converse-error.js";
import { mapBedrockFinishReason } from "./map-bedrock-finish-reason.js";
import { convertBedrockUsage } from "./convert-bedrock-usage.js";
export {
  BedrockConverseStreamDecoder,
  JSON_RESPONSE_TOOL,
  bedrockConverseAdapter,
  bedrockStreamException,
  convertBedrockUsage,
  encodeModelId,
  fromBedrockConverseResponse,
  mapBedrockFinishReason,
  parseBedrockError,
  toBedrockConverseRequest
};
//# sourceMappingURL=index.js.map
