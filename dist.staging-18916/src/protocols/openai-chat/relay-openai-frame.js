import { invalidResponse } from "../shared/invalid-response.js";
import { convertOpenAIUsage } from "./convert-openai-usage.js";
import { mapOpenAIFinishReason } from "./map-openai-finish-reason.js";
import { streamedError } from "./openai-chat-adapter.js";
import { rewriteOpenAIChunk } from "./rewrite-openai-chunk.js";
function relayOpenAIFrame(data, context) {
  const { stamp, tally } = context;
  const needsParse = data.includes('"finish_reason":"') || data.includes('"usage":{') || data.includes('"error":') || data.includes('"reasoning_content"');
  if (!needsParse) {
    const rewritten = rewriteOpenAIChunk(data, stamp);
    if (rewritten !== void 0) {
      tally.retain(data);
      return rewritten;
    }
  }
  let chunk;
  try {
    chunk = JSON.parse(data);
  } catch {
    throw invalidResponse(context.provider.name, "stream chunk is not valid JSON", data);
  }
  if (chunk.error) throw streamedError(chunk.error, context.provider);
  tally.upstreamId ||= typeof chunk.id === "string" && chunk.id ? chunk.id : null;
  const tokens = convertOpenAIUsage(chunk.usage);
  if (tokens) tally.tokens = tokens;
  const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
  if (choices.length === 0) return void 0;
  for (const choice of choices) {
    const delta = choice.delta;
    if (delta && typeof delta.reasoning_content === "string") {
      delta.reasoning ??= delta.reasoning_content;
      delete delta.reasoning_content;
    }
    if (typeof choice.finish_reason === "string") {
      choice.native_finish_reason ??= choice.finish_reason;
      choice.finish_reason = mapOpenAIFinishReason(choice.finish_reason);
      tally.finishReason = choice.finish_reason;
      tally.nativeFinishReason = choice.native_finish_reason;
    }
  }
  tally.retain(data);
  const { usage: _usage, id: _id, model: _model, provider: upstreamProvider, ...rest } = chunk;
  if (rest.system_fingerprint === null) delete rest.system_fingerprint;
  return JSON.stringify({ id: stamp.generationId, provider: upstreamProvider ?? stamp.providerName, model: stamp.model, ...rest });
}
function readOpenAIFramesText(frames) {
  let text = "";
  for (const frame of frames) {
    try {
      const chunk = JSON.parse(frame);
      for (const choice of chunk.choices ?? []) {
        text += (choice.delta?.content ?? "") + (choice.delta?.reasoning ?? "");
        for (const call of choice.delta?.tool_calls ?? []) text += call.function?.arguments ?? "";
      }
    } catch {
    }
  }
  return text;
}
export {
  readOpenAIFramesText,
  relayOpenAIFrame
};
//# sourceMappingURL=relay-openai-frame.js.map
