import { geminiAdapter, createGeminiStreamDecoder } from "./gemini-adapter.js";
import { toGeminiRequest } from "./to-gemini-request.js";
import { fromGeminiResponse } from "./from-gemini-response.js";
import { GeminiStreamDecoder } from "./gemini-stream.js";
import { parseGeminiError, geminiStreamError } from "./gemini-error.js";
import { mapGeminiFinishReason } from "./map-gemini-finish-reason.js";
import { convertGeminiUsage } from "./convert-gemini-usage.js";
import { cleanGeminiSchema } from "./clean-gemini-schema.js";
export {
  GeminiStreamDecoder,
  cleanGeminiSchema,
  convertGeminiUsage,
  createGeminiStreamDecoder,
  fromGeminiResponse,
  geminiAdapter,
  geminiStreamError,
  mapGeminiFinishReason,
  parseGeminiError,
  toGeminiRequest
};
//# sourceMappingURL=index.js.map
