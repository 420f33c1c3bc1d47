import { decode, encode } from "gpt-tokenizer/encoding/o200k_base";
import { buildEchoText } from "../shared/build-echo-text.js";
import { buildToolArguments } from "../shared/build-tool-arguments.js";
import { countTextTokens } from "../shared/count-text-tokens.js";
import { readMessageText } from "./read-message-text.js";
const PER_MESSAGE = 3;
const REPLY_PRIMING = 3;
const REASONING_WORDS = ["Let", "me", "think", "about", "this", "request", "step", "by", "step."];
function buildChatReply(input) {
  const { body, fault, seq } = input;
  const toolCalls = planToolCalls(body, fault, seq);
  const contentChunks = readReplyChunks(body);
  let content = null;
  let finishReason = "tool_calls";
  let completionTokens = 0;
  if (toolCalls.length > 0) {
    for (const call of toolCalls) completionTokens += countTextTokens(call.name) + countTextTokens(call.arguments);
  } else {
    content = contentChunks ? contentChunks.join("") : structuredReply(body) ?? buildEchoText(input.prompt, fault.words);
    finishReason = "stop";
    completionTokens = countTextTokens(content);
    const limit = readMaxTokens(body);
    if (limit !== void 0 && completionTokens > limit) {
      content = decode(encode(content).slice(0, limit));
      completionTokens = limit;
      finishReason = "length";
    }
  }
  const reasoningTokens = fault.reasoning ?? 0;
  const reasoning = reasoningTokens > 0 ? buildReasoningText(reasoningTokens) : null;
  const promptTokens = Math.max(countPromptTokens(body), fault.cached ?? 0);
  const completion = completionTokens + reasoningTokens;
  return {
    id: `chatcmpl-sim${String(seq).padStart(10, "0")}`,
    created: Math.floor(Date.now() / 1e3),
    model: typeof body.model === "string" ? body.model : "gpt-4o-mini",
    content,
    contentChunks,
    reasoning,
    toolCalls,
    finishReason: fault.finish ?? finishReason,
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completion,
      total_tokens: promptTokens + completion,
      // cached never exceeds prompt: prompt_tokens includes cached_tokens.
      prompt_tokens_details: { cached_tokens: fault.cached ?? 0, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: reasoningTokens,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0
      }
    }
  };
}
function structuredReply(body) {
  const format = body.response_format;
  if (format?.type !== "json_schema" || !format.json_schema?.schema) return void 0;
  return JSON.stringify(buildToolArguments(format.json_schema.schema));
}
function readReplyChunks(body) {
  const chunks = body.sim_reply_chunks;
  if (!Array.isArray(chunks) || chunks.length === 0 || !chunks.every((c) => typeof c === "string")) return null;
  return chunks;
}
function readMaxTokens(body) {
  const value = body.max_completion_tokens ?? body.max_tokens;
  return typeof value === "number" && value > 0 ? value : void 0;
}
function countPromptTokens(body) {
  let total = REPLY_PRIMING;
  if (Array.isArray(body.messages)) {
    for (const raw of body.messages) {
      total += PER_MESSAGE + countTextTokens(readMessageText(raw?.content));
      if (typeof raw?.name === "string") total += 1 + countTextTokens(raw.name);
      if (Array.isArray(raw?.tool_calls)) {
        for (const call of raw.tool_calls) {
          total += countTextTokens(call.function?.name ?? "") + countTextTokens(call.function?.arguments ?? "");
        }
      }
    }
  }
  if (Array.isArray(body.tools) && body.tools.length > 0) total += countTextTokens(JSON.stringify(body.tools));
  return total;
}
function planToolCalls(body, fault, seq) {
  const tools = Array.isArray(body.tools) ? body.tools.filter((t) => t?.type === "function" && typeof t.function?.name === "string") : [];
  const choice = body.tool_choice;
  if (tools.length === 0 || choice === "none") return [];
  let chosen;
  if (typeof choice === "object" && choice !== null) {
    const name = choice.function?.name;
    chosen = tools.filter((t) => t.function?.name === name).slice(0, 1);
    if (chosen.length === 0) chosen = tools.slice(0, 1);
  } else {
    if (choice !== "required" && lastMessageRole(body) === "tool") return [];
    const parallel = fault.tools === "parallel" && body.parallel_tool_calls !== false;
    chosen = tools.slice(0, parallel ? 2 : 1);
  }
  return chosen.map((tool, index) => ({
    id: `call_sim${String(seq).padStart(8, "0")}x${index}`,
    name: tool.function?.name,
    arguments: JSON.stringify(buildToolArguments(tool.function?.parameters))
  }));
}
function lastMessageRole(body) {
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0) return void 0;
  return messages[messages.length - 1]?.role;
}
function buildReasoningText(tokens) {
  const count = Math.min(tokens, 48);
  const words = new Array(count);
  for (let i = 0; i < count; i++) words[i] = REASONING_WORDS[i % REASONING_WORDS.length];
  return words.join(" ");
}
export {
  buildChatReply
};
//# sourceMappingURL=build-chat-reply.js.map
