import { invalidResponse } from "../shared/invalid-response.js";
import { convertGeminiUsage } from "./convert-gemini-usage.js";
import { geminiStreamError } from "./gemini-error.js";
import { mapGeminiFinishReason } from "./map-gemini-finish-reason.js";
import { GeminiPartReader } from "./read-gemini-parts.js";
function fromGeminiResponse(bodyText, provider) {
  let body;
  try {
    body = JSON.parse(bodyText);
  } catch {
    throw invalidResponse(provider, "body is not valid JSON", bodyText);
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw invalidResponse(provider, "body is not an object", bodyText);
  if (body.error) throw geminiStreamError(body.error, provider);
  const candidates = Array.isArray(body.candidates) ? body.candidates : [];
  let choices;
  if (candidates.length > 0) {
    choices = candidates.map((candidate, position) => toChoice(candidate, position));
  } else if (body.promptFeedback?.blockReason) {
    const reason = body.promptFeedback.blockReason;
    choices = [{ index: 0, message: { role: "assistant", content: null }, finishReason: "content_filter", nativeFinishReason: reason }];
  } else {
    throw invalidResponse(provider, "body has no candidates", bodyText);
  }
  return {
    upstreamId: typeof body.responseId === "string" ? body.responseId : null,
    choices,
    tokens: convertGeminiUsage(body.usageMetadata),
    systemFingerprint: null,
    extra: {}
  };
}
function toChoice(candidate, position) {
  const reader = new GeminiPartReader();
  let content = "";
  let reasoning = "";
  const details = [];
  const toolCalls = [];
  for (const piece of reader.read(candidate.content?.parts)) {
    if (piece.kind === "text") content += piece.text;
    else if (piece.kind === "reasoning") {
      reasoning += piece.text;
      details.push(...piece.details);
    } else toolCalls.push({ id: piece.id, type: "function", function: { name: piece.name, arguments: piece.arguments } });
  }
  const message = { role: "assistant", content: content || null };
  if (reasoning) message.reasoning = reasoning;
  if (details.length > 0) message.reasoning_details = details;
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  const native = typeof candidate.finishReason === "string" ? candidate.finishReason : null;
  return {
    index: typeof candidate.index === "number" ? candidate.index : position,
    message,
    finishReason: mapGeminiFinishReason(native, reader.hasToolCalls),
    nativeFinishReason: native
  };
}
export {
  fromGeminiResponse
};
//# sourceMappingURL=from-gemini-response.js.map
