import { decode, encode } from "gpt-tokenizer/encoding/o200k_base";
import { buildEchoText } from "../shared/build-echo-text.js";
import { buildToolArguments } from "../shared/build-tool-arguments.js";
import { countTextTokens } from "../shared/count-text-tokens.js";
import { countAnthropicPrompt } from "./count-anthropic-prompt.js";
import { signSimThinking } from "./sign-sim-thinking.js";
const THINKING_WORDS = ["Let", "me", "think", "about", "this", "request", "step", "by", "step."];
function buildAnthropicReply(input) {
  const { body, fault, seq } = input;
  const blocks = [];
  let thinkingTokens = 0;
  const thinkingType = body.thinking?.type;
  const thinkingOn = thinkingType === "enabled" || thinkingType === "adaptive";
  if (thinkingOn || (fault.reasoning ?? 0) > 0) {
    const thinking = buildThinkingText(input.prompt, fault.reasoning);
    blocks.push({ type: "thinking", thinking, signature: signSimThinking(thinking) });
    thinkingTokens = fault.reasoning ?? countTextTokens(thinking);
  }
  const calls = planToolCalls(body, { fault, seq, afterToolResult: input.afterToolResult });
  let outputTokens = thinkingTokens;
  let stopReason = "tool_use";
  let stopSequence = null;
  if (calls.length > 0) {
    for (const call of calls) outputTokens += countTextTokens(call.name) + countTextTokens(JSON.stringify(call.input));
    blocks.push(...calls);
  } else {
    let text = buildEchoText(input.prompt, fault.words);
    stopReason = "end_turn";
    for (const sequence of Array.isArray(body.stop_sequences) ? body.stop_sequences : []) {
      const at = text.indexOf(sequence);
      if (at >= 0) {
        text = text.slice(0, at);
        stopReason = "stop_sequence";
        stopSequence = sequence;
      }
    }
    let textTokens = countTextTokens(text);
    const room = (typeof body.max_tokens === "number" ? body.max_tokens : Infinity) - thinkingTokens;
    if (textTokens > room) {
      text = decode(encode(text).slice(0, Math.max(room, 0)));
      textTokens = Math.max(room, 0);
      stopReason = "max_tokens";
    }
    if (text !== "") blocks.push({ type: "text", text });
    outputTokens += textTokens;
  }
  const prompt = countAnthropicPrompt(body, input.cache);
  const cacheRead = Math.max(prompt.cacheRead, fault.cached ?? 0);
  const cacheWrite = prompt.cacheWrite;
  const inputTokens = Math.max(prompt.total - cacheRead - cacheWrite, 1);
  return {
    id: `msg_sim${String(seq).padStart(20, "0")}`,
    model: typeof body.model === "string" ? body.model : "claude-sonnet-4-5",
    blocks,
    stopReason: fault.finish ?? stopReason,
    stopSequence,
    usage: {
      input_tokens: inputTokens,
      cache_creation_input_tokens: cacheWrite,
      cache_read_input_tokens: cacheRead,
      cache_creation: { ephemeral_5m_input_tokens: cacheWrite, ephemeral_1h_input_tokens: 0 },
      output_tokens: outputTokens,
      ...thinkingTokens > 0 ? { output_tokens_details: { thinking_tokens: thinkingTokens } } : {},
      service_tier: "standard"
    }
  };
}
function planToolCalls(body, context) {
  const tools = Array.isArray(body.tools) ? body.tools.filter((tool) => typeof tool?.name === "string" && tool.defer_loading !== true) : [];
  const choice = body.tool_choice ?? { type: "auto" };
  if (tools.length === 0 || choice.type === "none") return [];
  let chosen;
  if (choice.type === "tool") {
    chosen = tools.filter((tool) => tool.name === choice.name).slice(0, 1);
  } else {
    if (choice.type !== "any" && context.afterToolResult) return [];
    const parallel = context.fault.tools === "parallel" && choice.disable_parallel_tool_use !== true;
    chosen = tools.slice(0, parallel ? 2 : 1);
  }
  return chosen.map((tool, index) => ({
    type: "tool_use",
    id: `toolu_sim${String(context.seq).padStart(8, "0")}x${index}`,
    name: tool.name,
    input: buildToolArguments(tool.input_schema) ?? {}
  }));
}
function buildThinkingText(prompt, tokens) {
  if (tokens === void 0) return `The user said: ${prompt.slice(0, 80)}. Let me think about a reply.`;
  const count = Math.max(1, Math.min(tokens, 48));
  const words = new Array(count);
  for (let i = 0; i < count; i++) words[i] = THINKING_WORDS[i % THINKING_WORDS.length];
  return words.join(" ");
}
export {
  buildAnthropicReply
};
//# sourceMappingURL=build-anthropic-reply.js.map
