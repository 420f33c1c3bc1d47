import { InvalidRequestError } from "../../../core/errors/gateway-error.js";
const STATEFUL_FIELDS = ["previous_response_id", "conversation", "background", "prompt"];
const PASSED_THROUGH = ["models", "provider", "temperature", "top_p", "user", "session_id", "parallel_tool_calls", "metadata", "prompt_cache_key"];
function toCanonicalChatRequest(body) {
  for (const field of STATEFUL_FIELDS) {
    if (body[field] !== void 0 && body[field] !== null) {
      throw new InvalidRequestError(`"${field}" is not supported: Switchyard's Responses API is stateless; send the whole conversation as "input" with store: false.`);
    }
  }
  if (body.store === true) throw new InvalidRequestError('"store": true is not supported: Switchyard keeps no responses; send store: false and the whole conversation as "input".');
  const messages = [];
  if (typeof body.instructions === "string" && body.instructions !== "") messages.push({ role: "system", content: body.instructions });
  messages.push(...toMessages(body.input));
  const request = { messages };
  if (typeof body.model === "string") request.model = body.model;
  if (typeof body.stream === "boolean") request.stream = body.stream;
  if (typeof body.max_output_tokens === "number") request.max_tokens = body.max_output_tokens;
  for (const field of PASSED_THROUGH) if (body[field] !== void 0) request[field] = body[field];
  const tools = toTools(body.tools);
  if (tools.length) request.tools = tools;
  if (body.tool_choice !== void 0) request.tool_choice = toToolChoice(body.tool_choice);
  const format = body.text?.format;
  if (format?.type === "json_schema") {
    request.response_format = { type: "json_schema", json_schema: { name: format.name ?? "output", schema: format.schema, ...format.strict !== void 0 ? { strict: format.strict } : {} } };
  } else if (format?.type === "json_object") request.response_format = { type: "json_object" };
  const reasoning = body.reasoning;
  if (reasoning?.effort) request.reasoning = reasoning.effort === "none" ? { enabled: false } : { effort: reasoning.effort };
  return request;
}
function toMessages(input) {
  if (typeof input === "string") return [{ role: "user", content: input }];
  if (!Array.isArray(input)) throw new InvalidRequestError('"input" must be a string or a list of items.');
  const messages = [];
  for (const item of input) {
    const type = item.type ?? "message";
    if (type === "message") messages.push(toMessage(item));
    else if (type === "function_call") appendToolCall(messages, { id: String(item.call_id), type: "function", function: { name: String(item.name), arguments: String(item.arguments ?? "") } });
    else if (type === "function_call_output") messages.push({ role: "tool", tool_call_id: String(item.call_id), content: typeof item.output === "string" ? item.output : JSON.stringify(item.output) });
    else if (type === "reasoning") continue;
    else throw new InvalidRequestError(`Input item type "${String(type)}" is not supported on /api/v1/responses.`);
  }
  return messages;
}
function toMessage(item) {
  const role = item.role;
  if (role !== "user" && role !== "assistant" && role !== "system" && role !== "developer") throw new InvalidRequestError(`Message role "${String(role)}" is not supported.`);
  if (typeof item.content === "string") return { role, content: item.content };
  if (!Array.isArray(item.content)) throw new InvalidRequestError('A message item needs "content" as a string or a list of parts.');
  const parts = item.content.map((part) => {
    if (part.type === "input_text" || part.type === "output_text") return { type: "text", text: String(part.text) };
    if (part.type === "input_image") return { type: "image_url", image_url: { url: String(part.image_url), ...part.detail ? { detail: String(part.detail) } : {} } };
    throw new InvalidRequestError(`Content part type "${String(part.type)}" is not supported.`);
  });
  if (role === "assistant") return { role, content: parts.map((part) => "text" in part ? part.text : "").join("") };
  return { role, content: parts };
}
function appendToolCall(messages, call) {
  const last = messages.at(-1);
  if (last?.role === "assistant" && (last.tool_calls || !last.content)) (last.tool_calls ??= []).push(call);
  else messages.push({ role: "assistant", content: null, tool_calls: [call] });
}
function toTools(tools) {
  if (!Array.isArray(tools)) return [];
  return tools.flatMap((tool) => {
    if (tool.type === "function") {
      return [{ type: "function", function: { name: tool.name, ...tool.description ? { description: tool.description } : {}, parameters: tool.parameters ?? { type: "object", properties: {} }, ...tool.strict !== void 0 && tool.strict !== null ? { strict: tool.strict } : {} } }];
    }
    if (tool.type === "namespace") return toTools(tool.tools);
    if (tool.type === "web_search" || tool.type === "web_search_preview") return [];
    throw new InvalidRequestError(`Tool type "${String(tool.type)}" is not supported on /api/v1/responses.`);
  });
}
function toToolChoice(choice) {
  if (typeof choice === "string") return choice;
  const named = choice;
  if (named?.type === "function" && named.name) return { type: "function", function: { name: named.name } };
  throw new InvalidRequestError('"tool_choice" must be "auto", "none", "required" or {"type":"function","name":\u2026}.');
}
export {
  toCanonicalChatRequest
};
//# sourceMappingURL=to-canonical-chat-request.js.map
