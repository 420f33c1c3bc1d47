export { bedrockConverseAdapter, encodeModelId } from './bedrock-converse-adapter.js';
export { toBedrockConverseRequest, JSON_RESPONSE_TOOL } from './to-bedrock-converse-request.js';
export { fromBedrockConverseResponse } from './from-bedrock-converse-response.js';
export { BedrockConverseStreamDecoder } from './bedrock-converse-stream.js';
export { parseBedrockError, bedrockStreamException } from './bedrock-converse-error.js';
export { mapBedrockFinishReason } from './map-bedrock-finish-reason.js';
export { convertBedrockUsage } from './convert-bedrock-usage.js';
export type * from './bedrock-converse-api.js';
