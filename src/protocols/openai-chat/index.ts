export { toOpenAIChatRequest } from './to-openai-chat-request.js';
export { fromOpenAIChatResponse } from './from-openai-chat-response.js';
export { invalidResponse } from '../shared/invalid-response.js';
export { OpenAIChatStreamDecoder } from './openai-chat-stream.js';
export { parseOpenAIChatError } from './openai-chat-error.js';
export { parseRetryAfter } from '../shared/parse-retry-after.js';
export { rewriteOpenAIChunk, createChunkStamp, type ChunkStamp } from './rewrite-openai-chunk.js';
export { convertOpenAIUsage } from './convert-openai-usage.js';
export { mapOpenAIFinishReason } from './map-openai-finish-reason.js';
