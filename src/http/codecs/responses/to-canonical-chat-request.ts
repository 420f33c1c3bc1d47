import type { ChatMessage, ChatRequest, ToolCall } from '../../../core/canonical/chat-request.js';
import { InvalidRequestError } from '../../../core/errors/gateway-error.js';
import { unpackReasoningDetails } from './carry-reasoning-details.js';
import { cacheControlSchema } from './responses-request-schema.js';
import { readImageGenerationTool } from './read-image-generation-tool.js';

/** A Responses API request body as this decoder reads it (validated loosely; unknown fields refused by name). */
export type ResponsesRequest = Record<string, unknown>;

const STATEFUL_FIELDS = ['previous_response_id', 'conversation', 'background', 'prompt'] as const;
const PASSED_THROUGH = ['models', 'provider', 'plugins', 'transforms', 'route', 'temperature', 'top_p', 'user', 'session_id', 'parallel_tool_calls', 'metadata', 'prompt_cache_key', 'cache_control'] as const;

/**
 * Converts a stateless OpenAI Responses API request into the canonical chat request:
 * `instructions` → a leading system message, string or item-list `input` → messages,
 * `function_call` / `function_call_output` items → assistant tool calls / tool messages (parallel calls grouped),
 * function tools (and `namespace` tools flattened) → chat tools, `text.format` → response_format,
 * `reasoning.effort` → reasoning, `max_output_tokens` → max_tokens. Stateful features are refused by name.
 * @see https://platform.openai.com/docs/api-reference/responses/create
 */
export function toCanonicalChatRequest(body: ResponsesRequest): ChatRequest {
  for (const field of STATEFUL_FIELDS) {
    if (body[field] !== undefined && body[field] !== null) {
      throw new InvalidRequestError(`"${field}" is not supported: Switchyard's Responses API is stateless; send the whole conversation as "input" with store: false.`);
    }
  }
  if (body.store === true) throw new InvalidRequestError('"store": true is not supported: Switchyard keeps no responses; send store: false and the whole conversation as "input".');
  const messages: ChatMessage[] = [];
  if (typeof body.instructions === 'string' && body.instructions !== '') messages.push({ role: 'system', content: body.instructions });
  messages.push(...toMessages(body.input));
  const request: ChatRequest = { messages };
  if (typeof body.model === 'string') request.model = body.model;
  if (typeof body.stream === 'boolean') request.stream = body.stream;
  if (typeof body.max_output_tokens === 'number') request.max_tokens = body.max_output_tokens;
  for (const field of PASSED_THROUGH) if (body[field] !== undefined && body[field] !== null) (request as Record<string, unknown>)[field] = body[field];
  if (request.user === undefined && typeof body.safety_identifier === 'string') request.user = body.safety_identifier;
  const tools = toTools(body.tools);
  if (tools.length) request.tools = tools;
  const imageTools = Array.isArray(body.tools) ? (body.tools as Record<string, unknown>[]).filter((tool) => tool.type === 'image_generation') : [];
  if (imageTools.length > 1) throw new InvalidRequestError('At most one image_generation tool per request.', { metadata: { unsupported_field: 'tools' } });
  if (imageTools[0]) Object.assign(request, readImageGenerationTool(imageTools[0]));
  // Forcing the image tool is what asking for image output already does.
  const forcesImages = (body.tool_choice as { type?: unknown } | undefined)?.type === 'image_generation';
  if (forcesImages && !imageTools[0]) throw new InvalidRequestError('"tool_choice" names image_generation, but "tools" has no image_generation tool.');
  if (body.tool_choice !== undefined && !forcesImages) request.tool_choice = toToolChoice(body.tool_choice);
  const format = (body.text as { format?: Record<string, unknown> } | undefined)?.format;
  if (format?.type === 'json_schema') {
    request.response_format = { type: 'json_schema', json_schema: { name: format.name ?? 'output', schema: format.schema, ...(format.strict !== undefined ? { strict: format.strict } : {}) } };
  } else if (format?.type === 'json_object') request.response_format = { type: 'json_object' };
  const reasoning = body.reasoning as { effort?: string } | undefined | null;
  if (reasoning?.effort) request.reasoning = reasoning.effort === 'none' ? { enabled: false } : { effort: reasoning.effort };
  return request;
}

function toMessages(input: unknown): ChatMessage[] {
  if (typeof input === 'string') return [{ role: 'user', content: input }];
  if (!Array.isArray(input)) throw new InvalidRequestError('"input" must be a string or a list of items.');
  const messages: ChatMessage[] = [];
  /** Reasoning items waiting for the assistant turn they belong to. */
  let reasoning: unknown[] = [];
  const attachReasoning = () => {
    const last = messages.at(-1);
    if (reasoning.length === 0 || last?.role !== 'assistant') return;
    last.reasoning_details = [...(last.reasoning_details ?? []), ...reasoning];
    reasoning = [];
  };
  for (const item of input as Record<string, unknown>[]) {
    const type = item.type ?? 'message';
    if (type === 'message') messages.push(toMessage(item));
    else if (type === 'function_call') {
      if (typeof item.call_id !== 'string' || typeof item.name !== 'string') throw new InvalidRequestError('A function_call input item needs "call_id" and "name" strings.');
      appendToolCall(messages, { id: item.call_id, type: 'function', function: { name: item.name, arguments: typeof item.arguments === 'string' ? item.arguments : JSON.stringify(item.arguments ?? {}) } });
    } else if (type === 'function_call_output') {
      if (typeof item.call_id !== 'string') throw new InvalidRequestError('A function_call_output input item needs a "call_id" string.');
      messages.push({ role: 'tool', tool_call_id: item.call_id, content: typeof item.output === 'string' ? item.output : JSON.stringify(item.output ?? '') });
    } else if (type === 'reasoning') {
      if (typeof item.encrypted_content === 'string' && item.encrypted_content !== '') reasoning.push(...unpackReasoningDetails(item.encrypted_content));
      // A reasoning item after the turn's message or calls (streams may order them so) belongs to that turn.
      if (messages.at(-1)?.role === 'assistant') attachReasoning();
      continue;
    } else throw new InvalidRequestError(`Input item type "${String(type)}" is not supported on /api/v1/responses.`);
    attachReasoning();
  }
  return messages;
}

function toMessage(item: Record<string, unknown>): ChatMessage {
  const role = item.role;
  if (role !== 'user' && role !== 'assistant' && role !== 'system' && role !== 'developer') throw new InvalidRequestError(`Message role "${String(role)}" is not supported.`);
  if (typeof item.content === 'string') return { role, content: item.content };
  if (!Array.isArray(item.content)) throw new InvalidRequestError('A message item needs "content" as a string or a list of parts.');
  const parts = (item.content as Record<string, unknown>[]).map((part) => {
    if (part === null || typeof part !== 'object') throw new InvalidRequestError('Every content part must be an object with a "type".');
    if (part.type === 'input_text' || part.type === 'output_text') {
      if (part.cache_control === undefined) return { type: 'text', text: String(part.text) };
      if (role === 'assistant') throw new InvalidRequestError('"cache_control" on an assistant message\'s parts is not supported on /api/v1/responses; mark a system, developer or user input_text part, or send a top-level "cache_control".');
      return { type: 'text', text: String(part.text), cache_control: readCacheControl(part.cache_control) };
    }
    if (part.cache_control !== undefined) throw new InvalidRequestError(`"cache_control" on a "${String(part.type)}" part is not supported on /api/v1/responses; only input_text parts take it.`);
    if (part.type === 'input_image') return { type: 'image_url', image_url: { url: String(part.image_url), ...(part.detail ? { detail: String(part.detail) } : {}) } };
    throw new InvalidRequestError(`Content part type "${String(part.type)}" is not supported.`);
  });
  if (role === 'assistant') return { role, content: parts.map((part) => ('text' in part ? part.text : '')).join('') };
  return { role, content: parts };
}

/** A part's cache marker, in OpenRouter's shape or refused by name. */
function readCacheControl(value: unknown): { type: 'ephemeral'; ttl?: '5m' | '1h' } {
  const parsed = cacheControlSchema.safeParse(value);
  if (!parsed.success) throw new InvalidRequestError('"cache_control" on an input_text part must be {"type": "ephemeral", "ttl"?: "5m" | "1h"}.');
  return parsed.data;
}

/** function_call items right after an assistant message or each other are that turn's (parallel) tool calls. */
function appendToolCall(messages: ChatMessage[], call: ToolCall): void {
  const last = messages.at(-1);
  if (last?.role === 'assistant') (last.tool_calls ??= []).push(call);
  else messages.push({ role: 'assistant', content: null, tool_calls: [call] });
}

function toTools(tools: unknown): unknown[] {
  if (!Array.isArray(tools)) return [];
  return (tools as Record<string, unknown>[]).flatMap((tool): unknown[] => {
    if (tool.type === 'function') {
      return [{ type: 'function', function: { name: tool.name, ...(tool.description ? { description: tool.description } : {}), parameters: tool.parameters ?? { type: 'object', properties: {} }, ...(tool.strict !== undefined && tool.strict !== null ? { strict: tool.strict } : {}) } }];
    }
    if (tool.type === 'namespace') return toTools(tool.tools);
    if (tool.type === 'web_search' || tool.type === 'web_search_preview') return [];
    // Read by toCanonicalChatRequest as image output; not a tool the model calls.
    if (tool.type === 'image_generation') return [];
    throw new InvalidRequestError(`Tool type "${String(tool.type)}" is not supported on /api/v1/responses.`);
  });
}

function toToolChoice(choice: unknown): unknown {
  if (typeof choice === 'string') return choice;
  const named = choice as { type?: string; name?: string };
  if (named?.type === 'function' && named.name) return { type: 'function', function: { name: named.name } };
  throw new InvalidRequestError('"tool_choice" must be "auto", "none", "required" or {"type":"function","name":…}.');
}
