import { toOpenAIChatRequest } from "./to-openai-chat-request.js";
import { fromOpenAIChatResponse } from "./from-openai-chat-response.js";
import { invalidResponse } from "../shared/invalid-response.js";
import { OpenAIChatStreamDecoder } from "./openai-chat-stream.js";
import { parseOpenAIChatError } from "./openai-chat-error.js";
import { parseRetryAfter } from "../shared/parse-retry-after.js";
import { rewriteOpenAIChunk, createChunkStamp } from "./rewrite-openai-chunk.js";
import { convertOpenAIUsage } from "./convert-openai-usage.js";
import { mapOpenAIFinishReason } from "./map-openai-finish-reason.js";
export {
  OpenAIChatStreamDecoder,
  convertOpenAIUsage,
  createChunkStamp,
  fromOpenAIChatResponse,
  invalidResponse,
  mapOpenAIFinishReason,
  parseOpenAIChatError,
  parseRetryAfter,
  rewriteOpenAIChunk,
  toOpenAIChatRequest
};
//# sourceMappingURL=index.js.map
