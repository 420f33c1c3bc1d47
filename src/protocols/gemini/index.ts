export { geminiAdapter, createGeminiStreamDecoder } from './gemini-adapter.js';
export { toGeminiRequest } from './to-gemini-request.js';
export { fromGeminiResponse } from './from-gemini-response.js';
export { GeminiStreamDecoder } from './gemini-stream.js';
export { parseGeminiError, geminiStreamError } from './gemini-error.js';
export { mapGeminiFinishReason } from './map-gemini-finish-reason.js';
export { convertGeminiUsage } from './convert-gemini-usage.js';
export { cleanGeminiSchema } from './clean-gemini-schema.js';
