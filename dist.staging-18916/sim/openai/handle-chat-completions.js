import { buildChatReply } from "./build-chat-reply.js";
import { makeOpenAIError } from "./openai-error-body.js";
import { renderChatCompletion } from "./render-chat-completion.js";
import { toAzureCompletion, toAzureStreamFrames } from "./render-azure-chat.js";
import { renderChatStreamFrames } from "./render-chat-stream-frames.js";
import { sendJsonReply, sendRawJson } from "./send-json-reply.js";
import { sendSseFrames } from "./send-sse-frames.js";
async function handleChatCompletions(ctx) {
  const { res, body, fault } = ctx;
  const invalid = validateChatBody(body);
  if (invalid) {
    sendJsonReply(res, invalid.status, invalid.body, invalid.headers);
    return;
  }
  const plan = buildChatReply({ body, prompt: ctx.prompt, fault, seq: ctx.seq });
  if (body.stream !== true) {
    const completion = renderChatCompletion(plan);
    const reply = fault.no_usage ? { ...completion, usage: void 0 } : completion;
    const json = JSON.stringify(ctx.azure ? toAzureCompletion(reply) : reply);
    sendRawJson(res, 200, fault.malformed ? json.slice(0, Math.floor(json.length / 2)) : json);
    return;
  }
  const options = body.stream_options;
  const frames = renderChatStreamFrames(plan, options?.include_usage === true && !fault.no_usage);
  await sendSseFrames(ctx, ctx.azure ? toAzureStreamFrames(frames) : frames);
}
function validateChatBody(body) {
  if (typeof body.model !== "string" || body.model === "") {
    return makeOpenAIError(400, "you must provide a model parameter", "invalid_request_error");
  }
  const messages = body.messages;
  if (!Array.isArray(messages)) {
    return makeOpenAIError(400, "Missing required parameter: 'messages'.", "invalid_request_error", "messages", "missing_required_parameter");
  }
  if (messages.length === 0) {
    return makeOpenAIError(400, "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", "invalid_request_error", "messages", "empty_array");
  }
  if (body.stream_options != null && body.stream !== true) {
    return makeOpenAIError(400, "The 'stream_options' parameter is only allowed when 'stream' is enabled.", "invalid_request_error", "stream_options", null);
  }
  const callIds = /* @__PURE__ */ new Set();
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i];
    if (message?.role === "assistant" && Array.isArray(message.tool_calls)) {
      for (const call of message.tool_calls) if (typeof call?.id === "string") callIds.add(call.id);
    } else if (message?.role === "tool" && !callIds.has(message.tool_call_id)) {
      return makeOpenAIError(400, "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.", "invalid_request_error", `messages.[${i}].role`, null);
    }
  }
  return void 0;
}
export {
  handleChatCompletions
};
//# sourceMappingURL=handle-chat-completions.js.map
