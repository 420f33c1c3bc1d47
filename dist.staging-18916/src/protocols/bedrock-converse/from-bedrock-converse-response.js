import { invalidResponse } from "../shared/invalid-response.js";
import { convertBedrockUsage } from "./convert-bedrock-usage.js";
import { mapBedrockFinishReason } from "./map-bedrock-finish-reason.js";
import { BEDROCK_REASONING_FORMAT } from "./replay-reasoning-details.js";
import { JSON_RESPONSE_TOOL } from "./to-bedrock-converse-request.js";
function fromBedrockConverseResponse(bodyText, provider) {
  let body;
  try {
    body = JSON.parse(bodyText);
  } catch {
    throw invalidResponse(provider, "body is not valid JSON", bodyText);
  }
  const blocks = body?.output?.message?.content;
  if (!Array.isArray(blocks)) throw invalidResponse(provider, "body has no output message", bodyText);
  let content = "";
  let reasoning = "";
  const details = [];
  const toolCalls = [];
  let jsonResponse = false;
  for (const block of blocks) {
    if (typeof block.text === "string") content += block.text;
    else if (block.toolUse) {
      if (block.toolUse.name === JSON_RESPONSE_TOOL) {
        jsonResponse = true;
        content += JSON.stringify(block.toolUse.input ?? {});
      } else {
        toolCalls.push({ id: block.toolUse.toolUseId, type: "function", function: { name: block.toolUse.name, arguments: JSON.stringify(block.toolUse.input ?? {}) } });
      }
    } else if (block.reasoningContent) {
      const { reasoningText, redactedContent } = block.reasoningContent;
      if (reasoningText) {
        reasoning += reasoningText.text ?? "";
        details.push({
          type: "reasoning.text",
          text: reasoningText.text ?? "",
          ...reasoningText.signature ? { signature: reasoningText.signature } : {},
          format: BEDROCK_REASONING_FORMAT,
          index: details.length
        });
      } else if (typeof redactedContent === "string") {
        details.push({ type: "reasoning.encrypted", data: redactedContent, format: BEDROCK_REASONING_FORMAT, index: details.length });
      }
    }
  }
  const message = { role: "assistant", content: content === "" && toolCalls.length > 0 ? null : content };
  if (details.length > 0) {
    message.reasoning = reasoning;
    message.reasoning_details = details;
  }
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  const stopReason = typeof body.stopReason === "string" ? body.stopReason : null;
  return {
    upstreamId: null,
    choices: [
      {
        index: 0,
        message,
        finishReason: mapBedrockFinishReason(stopReason, { jsonResponse: jsonResponse && toolCalls.length === 0 }),
        nativeFinishReason: stopReason
      }
    ],
    tokens: convertBedrockUsage(body.usage),
    systemFingerprint: null,
    extra: {}
  };
}
export {
  fromBedrockConverseResponse
};
//# sourceMappingURL=from-bedrock-converse-response.js.map
