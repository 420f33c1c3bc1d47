import { countTextTokens } from "../shared/count-text-tokens.js";
import { makeOpenAIError } from "./openai-error-body.js";
import { sendJsonReply } from "./send-json-reply.js";
function readEmbeddingInputs(body) {
  const input = body.input;
  if (typeof input === "string") return [input];
  if (!Array.isArray(input) || input.length === 0) return [];
  if (input.every((item) => typeof item === "number")) return [input.join(" ")];
  return input.map((item) => typeof item === "string" ? item : Array.isArray(item) ? item.join(" ") : "");
}
function handleEmbeddings(ctx) {
  const { res, body } = ctx;
  const inputs = readEmbeddingInputs(body);
  if (inputs.length === 0) {
    const error = makeOpenAIError(400, "'input' is a required property", "invalid_request_error", "input", null);
    sendJsonReply(res, error.status, error.body);
    return;
  }
  const model = typeof body.model === "string" ? body.model : "text-embedding-3-small";
  const dimensions = typeof body.dimensions === "number" && body.dimensions > 0 ? Math.min(Math.floor(body.dimensions), 4096) : model.includes("large") ? 3072 : 1536;
  const base64 = body.encoding_format === "base64";
  let tokens = 0;
  const data = inputs.map((text, index) => {
    tokens += countTextTokens(text);
    const vector = embedText(text, dimensions);
    return {
      object: "embedding",
      index,
      embedding: base64 ? Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString("base64") : Array.from(vector)
    };
  });
  sendJsonReply(res, 200, { object: "list", data, model, usage: { prompt_tokens: tokens, total_tokens: tokens } });
}
function embedText(text, dimensions) {
  let seed = 2166136261;
  for (let i = 0; i < text.length; i++) seed = Math.imul(seed ^ text.charCodeAt(i), 16777619);
  const vector = new Float32Array(dimensions);
  let norm = 0;
  for (let i = 0; i < dimensions; i++) {
    seed = seed + 1831565813 | 0;
    let t = Math.imul(seed ^ seed >>> 15, seed | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    const value = ((t ^ t >>> 14) >>> 0) / 4294967296 - 0.5;
    vector[i] = value;
    norm += value * value;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < dimensions; i++) vector[i] = vector[i] * scale;
  return vector;
}
export {
  handleEmbeddings,
  readEmbeddingInputs
};
//# sourceMappingURL=handle-embeddings.js.map
