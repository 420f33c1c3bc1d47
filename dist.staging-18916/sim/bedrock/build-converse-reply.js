import { createHash } from "node:crypto";
import { decode, encode } from "gpt-tokenizer/encoding/o200k_base";
import { buildEchoText } from "../shared/build-echo-text.js";
import { buildToolArguments } from "../shared/build-tool-arguments.js";
import { countTextTokens } from "../shared/count-text-tokens.js";
const REASONING_WORDS = ["Let", "me", "think", "about", "this", "request", "step", "by", "step."];
function signReasoning(text) {
  return `simsig_${createHash("sha256").update(text).digest("base64url")}`;
}
function lastUserText(body) {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message?.role !== "user" || !Array.isArray(message.content)) continue;
    return message.content.map((block) => typeof block.text === "string" ? block.text : "").filter(Boolean).join("\n");
  }
  return "";
}
function buildConverseReply(options) {
  const { body, fault, seq } = options;
  const toolUses = planToolUses(body, fault, seq);
  let text = null;
  let stopReason = "tool_use";
  let outputTokens = 0;
  if (toolUses.length > 0) {
    for (const use of toolUses) outputTokens += countTextTokens(use.name) + countTextTokens(JSON.stringify(use.input));
  } else {
    text = buildEchoText(options.prompt, fault.words);
    stopReason = "end_turn";
    outputTokens = countTextTokens(text);
    const limit = body.inferenceConfig?.maxTokens;
    if (typeof limit === "number" && limit > 0 && outputTokens > limit) {
      text = decode(encode(text).slice(0, limit));
      outputTokens = limit;
      stopReason = "max_tokens";
    }
  }
  const thinking = body.additionalModelRequestFields?.thinking?.type === "enabled";
  const reasoningTokens = fault.reasoning ?? (thinking ? 12 : 0);
  const reasoningText = reasoningTokens > 0 ? buildReasoningText(reasoningTokens) : null;
  const { total, cacheWrite } = countPromptTokens(body);
  const cacheRead = fault.cached ?? 0;
  const prompt = Math.max(total, cacheRead);
  const written = cacheRead > 0 ? 0 : Math.min(cacheWrite, prompt);
  const inputTokens = prompt - cacheRead - written;
  const output = outputTokens + reasoningTokens;
  return {
    reasoning: reasoningText ? { text: reasoningText, signature: signReasoning(reasoningText) } : null,
    text,
    toolUses,
    stopReason: fault.finish ?? stopReason,
    usage: {
      inputTokens,
      outputTokens: output,
      totalTokens: inputTokens + cacheRead + written + output,
      cacheReadInputTokens: cacheRead,
      cacheWriteInputTokens: written
    }
  };
}
function countPromptTokens(body) {
  let total = 3;
  let cacheWrite = 0;
  const visit = (blocks) => {
    if (!Array.isArray(blocks)) return;
    for (const block of blocks) {
      if (typeof block.text === "string") total += countTextTokens(block.text);
      else if (block.toolUse) total += countTextTokens(JSON.stringify(block.toolUse));
      else if (block.toolResult) total += countTextTokens(JSON.stringify(block.toolResult.content ?? ""));
      else if (block.image) total += 85;
      else if (block.reasoningContent) total += countTextTokens(JSON.stringify(block.reasoningContent));
      else if (block.cachePoint) cacheWrite = total;
    }
  };
  const tools = body.toolConfig?.tools;
  if (Array.isArray(tools)) total += countTextTokens(JSON.stringify(tools));
  visit(body.system);
  for (const message of Array.isArray(body.messages) ? body.messages : []) {
    total += 3;
    visit(message.content);
  }
  return { total, cacheWrite };
}
function planToolUses(body, fault, seq) {
  const config = body.toolConfig;
  const tools = (config?.tools ?? []).filter((tool) => typeof tool.toolSpec?.name === "string");
  if (tools.length === 0) return [];
  const choice = config?.toolChoice;
  let chosen;
  if (choice?.tool?.name) {
    chosen = tools.filter((tool) => tool.toolSpec?.name === choice.tool?.name).slice(0, 1);
  } else {
    if (!choice?.any && lastTurnHasToolResult(body)) return [];
    chosen = tools.slice(0, fault.tools === "parallel" ? 2 : 1);
  }
  return chosen.map((tool, index) => ({
    toolUseId: `tooluse_sim${String(seq).padStart(6, "0")}x${index}`,
    name: tool.toolSpec?.name,
    input: buildToolArguments(tool.toolSpec?.inputSchema?.json)
  }));
}
function lastTurnHasToolResult(body) {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  const last = messages[messages.length - 1];
  return Array.isArray(last?.content) && last.content.some((block) => block.toolResult !== void 0);
}
function buildReasoningText(tokens) {
  const count = Math.min(tokens, 48);
  const words = [];
  for (let i = 0; i < count; i++) words.push(REASONING_WORDS[i % REASONING_WORDS.length]);
  return words.join(" ");
}
export {
  buildConverseReply,
  lastUserText,
  signReasoning
};
//# sourceMappingURL=build-converse-reply.js.map
