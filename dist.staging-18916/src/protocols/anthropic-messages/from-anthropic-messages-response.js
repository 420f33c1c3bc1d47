import { invalidResponse } from "../shared/invalid-response.js";
import { ANTHROPIC_REASONING_FORMAT } from "./anthropic-messages-api.js";
import { convertAnthropicUsage } from "./convert-anthropic-usage.js";
import { mapAnthropicFinishReason } from "./map-anthropic-finish-reason.js";
import { JSON_TOOL_NAME } from "./to-anthropic-messages-request.js";
function fromAnthropicMessagesResponse(bodyText, provider) {
  let body;
  try {
    body = JSON.parse(bodyText);
  } catch {
    throw invalidResponse(provider, "body is not valid JSON", bodyText);
  }
  if (!body || typeof body !== "object" || body.type !== "message" || !Array.isArray(body.content)) {
    throw invalidResponse(provider, "body is not a message", bodyText);
  }
  const message = readContent(body.content);
  const nativeFinish = typeof body.stop_reason === "string" ? body.stop_reason : null;
  let finishReason = mapAnthropicFinishReason(nativeFinish);
  if (finishReason === "tool_calls" && message.tool_calls === void 0) finishReason = "stop";
  const choice = { index: 0, message, finishReason, nativeFinishReason: nativeFinish };
  return {
    upstreamId: typeof body.id === "string" ? body.id : null,
    choices: [choice],
    tokens: convertAnthropicUsage(body.usage),
    systemFingerprint: null,
    extra: {}
  };
}
function readContent(blocks) {
  let text = "";
  let reasoning = "";
  const details = [];
  const toolCalls = [];
  for (const block of blocks) {
    switch (block.type) {
      case "text":
        text += block.text;
        break;
      case "thinking":
        reasoning += block.thinking;
        details.push({ type: "reasoning.text", text: block.thinking, signature: block.signature, format: ANTHROPIC_REASONING_FORMAT, index: details.length });
        break;
      case "redacted_thinking":
        details.push({ type: "reasoning.encrypted", data: block.data, format: ANTHROPIC_REASONING_FORMAT, index: details.length });
        break;
      case "tool_use":
        if (block.name === JSON_TOOL_NAME) text += JSON.stringify(block.input ?? {});
        else toolCalls.push({ id: block.id, type: "function", function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) } });
        break;
      default:
        break;
    }
  }
  const message = { role: "assistant", content: text === "" && toolCalls.length > 0 ? null : text };
  if (details.length > 0) {
    message.reasoning = reasoning;
    message.reasoning_details = details;
  }
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  return message;
}
export {
  fromAnthropicMessagesResponse
};
//# sourceMappingURL=from-anthropic-messages-response.js.map
