export * from "./anthropic-messages-api.js";
import { anthropicMessagesAdapter } from "./anthropic-messages-adapter.js";
import { toAnthropicMessagesRequest, JSON_TOOL_NAME } from "./to-anthropic-messages-request.js";
import { fromAnthropicMessagesResponse } from "./from-anthropic-messages-response.js";
import { AnthropicMessagesStreamDecoder } from "./anthropic-messages-stream.js";
import { parseAnthropicError, anthropicStreamError } from "./anthropic-messages-error.js";
import { mapAnthropicFinishReason } from "./map-anthropic-finish-reason.js";
import { convertAnthropicUsage } from "./convert-anthropic-usage.js";
import { replayAnthropicThinking } from "./replay-anthropic-thinking.js";
export {
  AnthropicMessagesStreamDecoder,
  JSON_TOOL_NAME,
  anthropicMessagesAdapter,
  anthropicStreamError,
  convertAnthropicUsage,
  fromAnthropicMessagesResponse,
  mapAnthropicFinishReason,
  parseAnthropicError,
  replayAnthropicThinking,
  toAnthropicMessagesRequest
};
//# sourceMappingURL=index.js.map
