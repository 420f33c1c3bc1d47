export * from './anthropic-messages-api.js';
export { anthropicMessagesAdapter } from './anthropic-messages-adapter.js';
export { toAnthropicMessagesRequest, JSON_TOOL_NAME } from './to-anthropic-messages-request.js';
export { fromAnthropicMessagesResponse } from './from-anthropic-messages-response.js';
export { AnthropicMessagesStreamDecoder } from './anthropic-messages-stream.js';
export { parseAnthropicError, anthropicStreamError } from './anthropic-messages-error.js';
export { mapAnthropicFinishReason } from './map-anthropic-finish-reason.js';
export { convertAnthropicUsage } from './convert-anthropic-usage.js';
export { replayAnthropicThinking } from './replay-anthropic-thinking.js';
