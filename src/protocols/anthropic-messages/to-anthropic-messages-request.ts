import type { ChatRequest } from '../../core/canonical/chat-request.js';
import type {
  AnthropicCacheControl,
  AnthropicMessagesRequest,
  AnthropicTool,
  AnthropicToolChoice,
} from './anthropic-messages-api.js';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages.js';
import { resolveAnthropicThinking } from './resolve-anthropic-thinking.js';

/**
 * The tool that carries `response_format` output. Anthropic's base API has no JSON mode, so
 * JSON output is a forced call of this tool whose input schema is the requested schema; the
 * response readers turn its input back into `message.content`. The name is reserved: a
 * client tool with the same name turns the trick off.
 */
export const JSON_TOOL_NAME = 'switchyard_json_output';

/** Beta needed for one-hour cache entries. */
const EXTENDED_CACHE_TTL_BETA = 'extended-cache-ttl-2025-04-11';

/** The body and the `anthropic-beta` flags it needs. */
export interface AnthropicCallBody {
  body: AnthropicMessagesRequest;
  betas: string[];
}

/**
 * Canonical (OpenAI + OpenRouter) request → Anthropic Messages request. Parameters Anthropic
 * cannot take (n, seed, penalties, logprobs, logit_bias, …) are dropped, never sent.
 * - temperature is clamped to Anthropic's 0..1; with thinking on, temperature, top_p and
 *   top_k are dropped (Anthropic requires their defaults then);
 * - a forced tool choice (`required`, named) turns thinking off, since Anthropic rejects the
 *   combination, and so does an open tool turn whose thinking the client did not send back;
 * - `parallel_tool_calls: false` → `disable_parallel_tool_use`;
 * - `response_format` json_schema / json_object → the forced {@link JSON_TOOL_NAME} tool
 *   (with thinking on, `tool_choice: auto` plus a system instruction, as forcing is refused);
 * - a request from an Anthropic client (`request.anthropic`) keeps its own `max_tokens`,
 *   thinking config, mid-conversation system turns, betas and untranslated fields
 *   (`output_config.effort`, `context_management`, `metadata`, …) exactly as sent.
 * @see https://docs.anthropic.com/en/api/messages
 */
export function toAnthropicMessagesRequest(options: {
  request: ChatRequest;
  upstreamModel: string;
  stream: boolean;
  maxOutputTokens?: number | null;
}): AnthropicCallBody {
  const { request } = options;
  const passthrough = request.anthropic;
  const converted = convertToAnthropicMessages(request.messages, { inlineSystem: passthrough?.inlineSystem ?? false });
  const body: AnthropicMessagesRequest = { model: options.upstreamModel, max_tokens: 0, messages: converted.messages };

  const tools = toTools(request.tools);
  // An Anthropic client that sent no tool_choice gets none added (Anthropic's default is auto).
  const choiceSent = !passthrough || request.tool_choice !== undefined || request.parallel_tool_calls !== undefined;
  let toolChoice = tools.length > 0 && choiceSent ? toToolChoice(request.tool_choice, request.parallel_tool_calls) : undefined;
  const jsonSchema = readJsonFormat(request.response_format);
  const useJsonTool = jsonSchema !== undefined && !tools.some((tool) => tool.name === JSON_TOOL_NAME);
  if (useJsonTool) {
    tools.push({ name: JSON_TOOL_NAME, description: 'Give the final answer by calling this tool; its input is the answer, as JSON.', input_schema: jsonSchema });
    if (!toolChoice || toolChoice.type === 'auto' || toolChoice.type === 'none') toolChoice = { type: 'tool', name: JSON_TOOL_NAME };
  }

  const clientForcedTool = toolChoice?.type === 'any' || (toolChoice?.type === 'tool' && toolChoice.name !== JSON_TOOL_NAME);
  let thinking: boolean;
  if (passthrough) {
    // An Anthropic client's own thinking config (adaptive, enabled with its budget, disabled) and max_tokens, unchanged.
    body.max_tokens = positiveInteger(request.max_tokens) ?? resolveAnthropicThinking(request, options.maxOutputTokens).maxTokens;
    const type = (passthrough.fields.thinking as { type?: unknown } | undefined)?.type;
    thinking = type === 'enabled' || type === 'adaptive';
  } else {
    const plan = resolveAnthropicThinking(request, options.maxOutputTokens);
    body.max_tokens = plan.maxTokens;
    thinking = plan.budgetTokens !== undefined && !clientForcedTool && !converted.openToolTurnWithoutThinking;
    if (thinking) body.thinking = { type: 'enabled', budget_tokens: plan.budgetTokens as number };
  }
  const system = converted.system;
  if (thinking) {
    if (toolChoice?.type === 'tool' && toolChoice.name === JSON_TOOL_NAME) {
      toolChoice = { type: 'auto' };
      system.push({ type: 'text', text: `Give your final answer by calling the ${JSON_TOOL_NAME} tool.` });
    }
  } else {
    if (typeof request.temperature === 'number') body.temperature = Math.min(Math.max(request.temperature, 0), 1);
    if (typeof request.top_p === 'number') body.top_p = request.top_p;
    if (typeof request.top_k === 'number' && request.top_k > 0) body.top_k = Math.floor(request.top_k);
  }
  if (system.length > 0) body.system = system;
  if (tools.length > 0) body.tools = tools;
  if (toolChoice) body.tool_choice = toolChoice;

  const stop = typeof request.stop === 'string' ? [request.stop] : Array.isArray(request.stop) ? request.stop : [];
  // Anthropic refuses whitespace-only stop sequences.
  const stopSequences = stop.filter((value): value is string => typeof value === 'string' && value.trim() !== '');
  if (stopSequences.length > 0) body.stop_sequences = stopSequences;
  if (typeof request.user === 'string' && request.user !== '') body.metadata = { user_id: request.user };
  const topCache = request.cache_control as AnthropicCacheControl | undefined;
  if (topCache && typeof topCache === 'object') body.cache_control = topCache;
  if (options.stream) body.stream = true;
  if (passthrough) {
    const { tools: clientTools, ...fields } = passthrough.fields;
    Object.assign(body, fields);
    // The client's tools as sent (defer_loading, hosted tools), plus the JSON-output tool when the gateway added it.
    if (Array.isArray(clientTools)) body.tools = [...(clientTools as AnthropicTool[]), ...tools.filter((tool) => useJsonTool && tool.name === JSON_TOOL_NAME)];
  }

  const betas = [...(passthrough?.betas ?? [])];
  if (JSON.stringify(body).includes('"ttl":"1h"') && !betas.includes(EXTENDED_CACHE_TTL_BETA)) betas.push(EXTENDED_CACHE_TTL_BETA);
  return { body, betas };
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

function toTools(input: unknown[] | undefined): AnthropicTool[] {
  const tools: AnthropicTool[] = [];
  for (const raw of input ?? []) {
    const tool = raw as { type?: unknown; function?: { name?: unknown; description?: unknown; parameters?: unknown; cache_control?: unknown }; cache_control?: unknown };
    if (tool?.type !== 'function' || typeof tool.function?.name !== 'string') continue;
    const parameters = tool.function.parameters;
    const out: AnthropicTool = {
      name: tool.function.name,
      input_schema: parameters && typeof parameters === 'object' ? (parameters as Record<string, unknown>) : { type: 'object', properties: {} },
    };
    if (typeof tool.function.description === 'string' && tool.function.description !== '') out.description = tool.function.description;
    const cacheControl = (tool.cache_control ?? tool.function.cache_control) as AnthropicCacheControl | undefined;
    if (cacheControl) out.cache_control = cacheControl;
    tools.push(out);
  }
  return tools;
}

function toToolChoice(choice: unknown, parallel: unknown): AnthropicToolChoice {
  const disable = parallel === false ? { disable_parallel_tool_use: true } : {};
  if (choice === 'none') return { type: 'none' };
  if (choice === 'required') return { type: 'any', ...disable };
  const named = (choice as { type?: unknown; function?: { name?: unknown } } | undefined)?.function?.name;
  if (typeof named === 'string') return { type: 'tool', name: named, ...disable };
  return { type: 'auto', ...disable };
}

/** The schema JSON output must follow, or undefined when no JSON format was asked for. */
function readJsonFormat(format: unknown): Record<string, unknown> | undefined {
  const value = format as { type?: unknown; json_schema?: { schema?: unknown } } | undefined;
  if (value?.type === 'json_object') return { type: 'object', additionalProperties: true };
  if (value?.type !== 'json_schema') return undefined;
  const schema = value.json_schema?.schema;
  // Structured output roots are objects (OpenAI requires it too), as tool inputs must be.
  return schema && typeof schema === 'object' ? (schema as Record<string, unknown>) : { type: 'object', additionalProperties: true };
}
