import type { ChatMessage, ChatRequest, ContentPart, ToolCall } from '../../../core/canonical/chat-request.js';
import { InvalidRequestError } from '../../../core/errors/gateway-error.js';
import { ANTHROPIC_REASONING_FORMAT } from './anthropic-reasoning-format.js';
import type { AnthropicContentBlock, AnthropicCountTokensRequest, AnthropicMessage, AnthropicMessagesRequest } from './anthropic-request-schema.js';
import { unwrapReasoningValue } from './carry-foreign-reasoning.js';
import { mapAnthropicModelId } from './map-anthropic-model-id.js';
import { readAnthropicPassthrough } from './read-anthropic-passthrough.js';


type Block<T extends AnthropicContentBlock['type']> = Extract<AnthropicContentBlock, { type: T }>;

/**
 * Converts an Anthropic Messages request into the canonical (OpenAI + OpenRouter) request.
 * Thinking blocks become `reasoning` plus `reasoning_details` entries that keep their
 * signatures (redacted ones as `reasoning.encrypted`), so a tool loop replays them unchanged
 * to whichever upstream serves the next turn. `tool_result` blocks become `tool` messages
 * placed before the rest of their user turn, as OpenAI requires. Mid-conversation `system` turns
 * stay `system` messages at their position. What has no OpenAI equivalent (betas, adaptive
 * thinking, context management, …) rides along in `anthropic` for Anthropic upstreams.
 * @see https://docs.anthropic.com/en/api/messages
 */
export function toCanonicalChatRequest(
  body: AnthropicMessagesRequest,
  headers?: Readonly<Record<string, string | string[] | undefined>>,
): ChatRequest {
  if (body.models && body.fallbacks) throw new InvalidRequestError('Send either "models" or "fallbacks", not both.');
  const modalities = (body as { modalities?: unknown }).modalities;
  if (Array.isArray(modalities) && modalities.includes('image')) {
    // The Messages API has no image output block: an image could only be dropped, so asking for one is refused.
    throw new InvalidRequestError(
      'Image output is not available on /api/v1/messages: Anthropic\'s Messages API has no image block. Use /api/v1/chat/completions with "modalities": ["image", "text"] or /api/v1/responses with the image_generation tool (docs/image-output.md).',
      { metadata: { unsupported_field: 'modalities' } },
    );
  }
  const request: ChatRequest = { ...toCanonicalPrompt(body), max_tokens: body.max_tokens };
  const fallbacks = body.models ?? body.fallbacks?.map((entry) => entry.model);
  if (fallbacks) request.models = fallbacks.map(mapAnthropicModelId);
  if (body.stream !== undefined) request.stream = body.stream;
  if (body.stop_sequences?.length) request.stop = body.stop_sequences;
  if (body.temperature !== undefined) request.temperature = body.temperature;
  if (body.top_p !== undefined) request.top_p = body.top_p;
  if (body.top_k !== undefined) request.top_k = body.top_k;
  if (body.metadata?.user_id) request.user = body.metadata.user_id;
  const reasoning = toReasoning(body);
  if (reasoning) request.reasoning = reasoning;
  const format = body.output_config?.format;
  if (format) request.response_format = { type: 'json_schema', json_schema: { name: 'output', schema: format.schema, strict: true } };
  if (body.provider) request.provider = body.provider;
  if (body.session_id) request.session_id = body.session_id;
  request.anthropic = readAnthropicPassthrough(body, headers);
  return request;
}

/** The parts count_tokens also needs: model, messages (system first), tools and tool choice. */
export function toCanonicalPrompt(body: AnthropicCountTokensRequest): ChatRequest {
  const messages: ChatMessage[] = [];
  if (typeof body.system === 'string') {
    if (body.system !== '') messages.push({ role: 'system', content: body.system });
  } else if (body.system?.length) {
    messages.push({ role: 'system', content: body.system.map(toTextPart) });
  }
  body.messages.forEach((message, position) => messages.push(...toCanonicalMessages(message, position)));
  const request: ChatRequest = { model: mapAnthropicModelId(body.model), messages };
  // Anthropic-hosted tools have no function equivalent: only Anthropic upstreams get them (request.anthropic).
  const functions = (body.tools ?? []).filter((tool) => 'input_schema' in tool);
  if (functions.length > 0) {
    request.tools = functions.map((tool) => ({
      type: 'function',
      function: { name: tool.name, ...(tool.description ? { description: tool.description } : {}), parameters: tool.input_schema },
      ...(tool.cache_control ? { cache_control: tool.cache_control } : {}),
    }));
  }
  const choice = body.tool_choice;
  if (choice) {
    if (choice.type === 'auto') request.tool_choice = 'auto';
    else if (choice.type === 'any') request.tool_choice = 'required';
    else if (choice.type === 'none') request.tool_choice = 'none';
    else request.tool_choice = { type: 'function', function: { name: choice.name } };
    if (choice.type !== 'none' && choice.disable_parallel_tool_use) request.parallel_tool_calls = false;
  }
  return request;
}

function toReasoning(body: AnthropicMessagesRequest): ChatRequest['reasoning'] {
  const thinking = body.thinking;
  const effort = body.output_config?.effort ?? undefined;
  if (thinking?.type === 'disabled') return undefined;
  if (thinking?.type === 'enabled') return { max_tokens: thinking.budget_tokens, ...(effort ? { effort } : {}) };
  if (thinking?.type === 'adaptive' || effort) return { enabled: true, ...(effort ? { effort } : {}) };
  return undefined;
}

function toCanonicalMessages(message: AnthropicMessage, position: number): ChatMessage[] {
  const converted = toCanonicalTurn(message, position);
  // Turn-level fields beyond role and content (per-turn `output_config`, …) ride on the turn's
  // last canonical message for Anthropic upstreams; every other upstream's encoder ignores them.
  const { role: _role, content: _content, ...extra } = message;
  const last = converted[converted.length - 1];
  if (last && Object.keys(extra).length > 0) last.anthropic = extra;
  return converted;
}

function toCanonicalTurn(message: AnthropicMessage, position: number): ChatMessage[] {
  if (message.role === 'system') return [toSystemMessage(message.content, position)];
  if (typeof message.content === 'string') return [{ role: message.role, content: message.content }];
  return message.role === 'user' ? toUserMessages(message.content, position) : [toAssistantMessage(message.content)];
}

/** A mid-conversation system turn: text only, as Anthropic requires. */
function toSystemMessage(content: AnthropicMessage['content'], position: number): ChatMessage {
  if (typeof content === 'string') return { role: 'system', content };
  return {
    role: 'system',
    content: content.map((block, index) => {
      if (block.type !== 'text') throw new InvalidRequestError(`messages[${position}].content[${index}]: a system message takes text blocks only (got ${block.type}).`);
      return toTextPart(block);
    }),
  };
}

/** Tool results first (one `tool` message each), then the rest of the turn as one user message. */
function toUserMessages(blocks: AnthropicContentBlock[], position: number): ChatMessage[] {
  const tools: ChatMessage[] = [];
  const parts: ContentPart[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'tool_result':
        tools.push(toToolMessage(block));
        break;
      case 'text':
      case 'image':
      case 'document':
        parts.push(toContentPart(block));
        break;
      default:
        throw new InvalidRequestError(`messages[${position}]: a user message cannot contain ${block.type} blocks.`);
    }
  }
  return parts.length > 0 || tools.length === 0 ? [...tools, { role: 'user', content: parts }] : tools;
}

function toToolMessage(block: Block<'tool_result'>): ChatMessage {
  const content = block.content ?? '';
  return { role: 'tool', tool_call_id: block.tool_use_id, content: typeof content === 'string' ? content : content.map(toContentPart) };
}

function toAssistantMessage(blocks: AnthropicContentBlock[]): ChatMessage {
  const message: ChatMessage = { role: 'assistant', content: null };
  const texts: Array<Block<'text'>> = [];
  const toolCalls: ToolCall[] = [];
  const details: unknown[] = [];
  let reasoning = '';
  for (const block of blocks) {
    if (block.type === 'text') texts.push(block);
    else if (block.type === 'tool_use') {
      toolCalls.push({ id: block.id, type: 'function', function: { name: block.name, arguments: JSON.stringify(block.input) } });
    } else if (block.type === 'thinking') {
      reasoning += block.thinking;
      const signed = block.signature ? unwrapReasoningValue(block.signature) : undefined;
      details.push({
        type: 'reasoning.text',
        text: block.thinking,
        ...(signed ? { signature: signed.value } : {}),
        ...(signed?.id ? { id: signed.id } : {}),
        format: signed?.format ?? ANTHROPIC_REASONING_FORMAT,
        index: details.length,
      });
    } else if (block.type === 'redacted_thinking') {
      const { format, value, id } = unwrapReasoningValue(block.data);
      details.push({ type: 'reasoning.encrypted', data: value, ...(id ? { id } : {}), format, index: details.length });
    } else {
      throw new InvalidRequestError(`An assistant message cannot contain ${block.type} blocks.`);
    }
  }
  // Cache breakpoints live on parts, so text keeps its blocks when one carries cache_control.
  if (texts.some((block) => block.cache_control)) message.content = texts.map(toTextPart);
  else if (texts.length > 0) message.content = texts.map((block) => block.text).join('');
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (details.length > 0) {
    message.reasoning = reasoning;
    message.reasoning_details = details;
  }
  return message;
}

function toTextPart(block: Block<'text'>): ContentPart {
  return block.cache_control ? { type: 'text', text: block.text, cache_control: block.cache_control } : { type: 'text', text: block.text };
}

function toContentPart(block: Block<'text'> | Block<'image'> | Block<'document'>): ContentPart {
  if (block.type === 'text') return toTextPart(block);
  const cache = block.cache_control ? { cache_control: block.cache_control } : {};
  if (block.type === 'image') {
    const { source } = block;
    const url = source.type === 'base64' ? `data:${source.media_type};base64,${source.data}` : source.url;
    return { type: 'image_url', image_url: { url }, ...cache };
  }
  const { source } = block;
  if (source.type === 'text') return { type: 'text', text: source.data ?? '', ...cache };
  const fileData = source.type === 'base64' ? `data:${source.media_type ?? 'application/pdf'};base64,${source.data ?? ''}` : source.url;
  if (!fileData) throw new InvalidRequestError(`document blocks need a base64, text or url source (got ${source.type}).`);
  return { type: 'file', file: { filename: block.title ?? 'document.pdf', file_data: fileData }, ...cache };
}
