import { convertToAnthropicMessages } from "./convert-to-anthropic-messages.js";
import { resolveAnthropicThinking } from "./resolve-anthropic-thinking.js";
const JSON_TOOL_NAME = "switchyard_json_output";
const EXTENDED_CACHE_TTL_BETA = "extended-cache-ttl-2025-04-11";
function toAnthropicMessagesRequest(options) {
  const { request } = options;
  const passthrough = request.anthropic;
  const converted = convertToAnthropicMessages(request.messages, { inlineSystem: passthrough?.inlineSystem ?? false });
  const body = { model: options.upstreamModel, max_tokens: 0, messages: converted.messages };
  const tools = toTools(request.tools);
  const choiceSent = !passthrough || request.tool_choice !== void 0 || request.parallel_tool_calls !== void 0;
  let toolChoice = tools.length > 0 && choiceSent ? toToolChoice(request.tool_choice, request.parallel_tool_calls) : void 0;
  const jsonSchema = readJsonFormat(request.response_format);
  const useJsonTool = jsonSchema !== void 0 && !tools.some((tool) => tool.name === JSON_TOOL_NAME);
  if (useJsonTool) {
    tools.push({ name: JSON_TOOL_NAME, description: "Give the final answer by calling this tool; its input is the answer, as JSON.", input_schema: jsonSchema });
    if (!toolChoice || toolChoice.type === "auto" || toolChoice.type === "none") toolChoice = { type: "tool", name: JSON_TOOL_NAME };
  }
  const clientForcedTool = toolChoice?.type === "any" || toolChoice?.type === "tool" && toolChoice.name !== JSON_TOOL_NAME;
  let thinking;
  if (passthrough) {
    body.max_tokens = positiveInteger(request.max_tokens) ?? resolveAnthropicThinking(request, options.maxOutputTokens).maxTokens;
    const type = passthrough.fields.thinking?.type;
    thinking = type === "enabled" || type === "adaptive";
  } else {
    const plan = resolveAnthropicThinking(request, options.maxOutputTokens);
    body.max_tokens = plan.maxTokens;
    thinking = plan.budgetTokens !== void 0 && !clientForcedTool && !converted.openToolTurnWithoutThinking;
    if (thinking) body.thinking = { type: "enabled", budget_tokens: plan.budgetTokens };
  }
  const system = converted.system;
  if (thinking) {
    if (toolChoice?.type === "tool" && toolChoice.name === JSON_TOOL_NAME) {
      toolChoice = { type: "auto" };
      system.push({ type: "text", text: `Give your final answer by calling the ${JSON_TOOL_NAME} tool.` });
    }
  } else {
    if (typeof request.temperature === "number") body.temperature = Math.min(Math.max(request.temperature, 0), 1);
    if (typeof request.top_p === "number") body.top_p = request.top_p;
    if (typeof request.top_k === "number" && request.top_k > 0) body.top_k = Math.floor(request.top_k);
  }
  if (system.length > 0) body.system = system;
  if (tools.length > 0) body.tools = tools;
  if (toolChoice) body.tool_choice = toolChoice;
  const stop = typeof request.stop === "string" ? [request.stop] : Array.isArray(request.stop) ? request.stop : [];
  const stopSequences = stop.filter((value) => typeof value === "string" && value.trim() !== "");
  if (stopSequences.length > 0) body.stop_sequences = stopSequences;
  if (typeof request.user === "string" && request.user !== "") body.metadata = { user_id: request.user };
  const topCache = request.cache_control;
  if (topCache && typeof topCache === "object") body.cache_control = topCache;
  if (options.stream) body.stream = true;
  if (passthrough) {
    const { tools: clientTools, ...fields } = passthrough.fields;
    Object.assign(body, fields);
    if (Array.isArray(clientTools)) body.tools = [...clientTools, ...tools.filter((tool) => useJsonTool && tool.name === JSON_TOOL_NAME)];
  }
  const betas = [...passthrough?.betas ?? []];
  if (JSON.stringify(body).includes('"ttl":"1h"') && !betas.includes(EXTENDED_CACHE_TTL_BETA)) betas.push(EXTENDED_CACHE_TTL_BETA);
  return { body, betas };
}
function positiveInteger(value) {
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : void 0;
}
function toTools(input) {
  const tools = [];
  for (const raw of input ?? []) {
    const tool = raw;
    if (tool?.type !== "function" || typeof tool.function?.name !== "string") continue;
    const parameters = tool.function.parameters;
    const out = {
      name: tool.function.name,
      input_schema: parameters && typeof parameters === "object" ? parameters : { type: "object", properties: {} }
    };
    if (typeof tool.function.description === "string" && tool.function.description !== "") out.description = tool.function.description;
    const cacheControl = tool.cache_control ?? tool.function.cache_control;
    if (cacheControl) out.cache_control = cacheControl;
    tools.push(out);
  }
  return tools;
}
function toToolChoice(choice, parallel) {
  const disable = parallel === false ? { disable_parallel_tool_use: true } : {};
  if (choice === "none") return { type: "none" };
  if (choice === "required") return { type: "any", ...disable };
  const named = choice?.function?.name;
  if (typeof named === "string") return { type: "tool", name: named, ...disable };
  return { type: "auto", ...disable };
}
function readJsonFormat(format) {
  const value = format;
  if (value?.type === "json_object") return { type: "object", additionalProperties: true };
  if (value?.type !== "json_schema") return void 0;
  const schema = value.json_schema?.schema;
  return schema && typeof schema === "object" ? schema : { type: "object", additionalProperties: true };
}
export {
  JSON_TOOL_NAME,
  toAnthropicMessagesRequest
};
//# sourceMappingURL=to-anthropic-messages-request.js.map
