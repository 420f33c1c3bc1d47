import type { ChatMessage } from '../../core/canonical/chat-request.js';
import { InvalidRequestError } from '../../core/errors/gateway-error.js';
import type { AnthropicMessage, AnthropicRequestBlock, AnthropicTextBlock } from './anthropic-messages-api.js';
import { replayAnthropicThinking } from './replay-anthropic-thinking.js';
import { toAnthropicContentBlocks } from './to-anthropic-content-blocks.js';

/** What {@link convertToAnthropicMessages} returns. */
export interface ConvertedMessages {
  /** System and developer messages, in order, as top-level `system` blocks. */
  system: AnthropicTextBlock[];
  messages: AnthropicMessage[];
  /**
   * True when the latest assistant turn called tools and is still being answered (no user
   * message after it) but carries no replayable thinking: Anthropic rejects thinking for such
   * a request, so the caller turns thinking off rather than send a request bound to fail.
   */
  openToolTurnWithoutThinking: boolean;
}

/**
 * OpenAI messages → Anthropic `system` + `messages`:
 * - system/developer messages join the top-level `system`, except, with `inlineSystem`, those
 *   after the first user or assistant turn, which stay `system` turns at their position
 *   (mid-conversation system messages, as an Anthropic client sent them);
 * - assistant turns: replayed thinking blocks first, then text, then `tool_use` blocks
 *   (`arguments` parsed to an object);
 * - tool messages become `tool_result` blocks in a user turn;
 * - consecutive same-role turns merge, and in every user turn `tool_result` blocks come before
 *   anything else (Anthropic requires tool results first);
 * - a final assistant turn (prefill) loses trailing whitespace, which Anthropic rejects.
 * @see https://docs.anthropic.com/en/api/messages
 */
export function convertToAnthropicMessages(input: ChatMessage[], options: { inlineSystem?: boolean } = {}): ConvertedMessages {
  const system: AnthropicTextBlock[] = [];
  const messages: AnthropicMessage[] = [];
  let openToolTurnWithoutThinking = false;

  // `extra`: an Anthropic client's turn-level fields, re-sent on the turn they came with.
  const append = (role: 'user' | 'assistant', blocks: AnthropicRequestBlock[], extra?: Record<string, unknown>) => {
    // A mid-conversation system turn between two same-role turns keeps them apart, as sent.
    if (blocks.length === 0) return;
    const last = messages[messages.length - 1];
    if (last && last.role === role) {
      (last.content as AnthropicRequestBlock[]).push(...blocks);
      if (extra) Object.assign(last, extra, { role, content: last.content });
    } else messages.push({ ...extra, role, content: blocks });
  };

  input.forEach((message, position) => {
    switch (message.role) {
      case 'system':
      case 'developer': {
        const blocks = toAnthropicContentBlocks(message.content);
        if (blocks.some((block) => block.type !== 'text')) throw new InvalidRequestError(`messages[${position}]: system messages take text only`);
        if (options.inlineSystem && messages.length > 0) messages.push({ ...message.anthropic, role: 'system', content: blocks });
        else system.push(...(blocks as AnthropicTextBlock[]));
        return;
      }
      case 'user':
        openToolTurnWithoutThinking = false;
        append('user', toAnthropicContentBlocks(message.content), message.anthropic);
        return;
      case 'tool':
        append('user', [toToolResult(message, position)], message.anthropic);
        return;
      case 'assistant': {
        const thinking = replayAnthropicThinking(message.reasoning_details);
        const calls = message.tool_calls ?? [];
        openToolTurnWithoutThinking = calls.length > 0 && thinking.length === 0;
        append('assistant', [...thinking, ...toAnthropicContentBlocks(message.content), ...calls.map((call, index) => toToolUse(call, `messages[${position}].tool_calls[${index}]`))], message.anthropic);
        return;
      }
      default:
        throw new InvalidRequestError(`messages[${position}]: unknown role "${String((message as { role?: unknown }).role)}"`);
    }
  });

  for (const message of messages) {
    if (message.role === 'user') message.content = toolResultsFirst(message.content as AnthropicRequestBlock[]);
  }
  const last = messages[messages.length - 1];
  if (last?.role === 'assistant' && trimPrefill(last.content as AnthropicRequestBlock[])) messages.pop();
  return { system, messages, openToolTurnWithoutThinking };
}

function toToolUse(call: NonNullable<ChatMessage['tool_calls']>[number], where: string): AnthropicRequestBlock {
  const text = call.function?.arguments;
  let input: unknown = {};
  if (typeof text === 'string' && text.trim() !== '') {
    try {
      input = JSON.parse(text);
    } catch {
      throw new InvalidRequestError(`${where}.function.arguments is not valid JSON`);
    }
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InvalidRequestError(`${where}.function.arguments must be a JSON object for Anthropic models`);
  }
  return { type: 'tool_use', id: call.id, name: call.function.name, input: input as Record<string, unknown> };
}

function toToolResult(message: ChatMessage, position: number): AnthropicRequestBlock {
  if (typeof message.tool_call_id !== 'string' || message.tool_call_id === '') {
    throw new InvalidRequestError(`messages[${position}]: a tool message needs its tool_call_id`);
  }
  const content = message.content;
  if (typeof content === 'string' || content === null || content === undefined) {
    return { type: 'tool_result', tool_use_id: message.tool_call_id, ...(content ? { content } : {}) };
  }
  return { type: 'tool_result', tool_use_id: message.tool_call_id, content: toAnthropicContentBlocks(content) };
}

function toolResultsFirst(blocks: AnthropicRequestBlock[]): AnthropicRequestBlock[] {
  const results = blocks.filter((block) => block.type === 'tool_result');
  if (results.length === 0 || results.length === blocks.length) return blocks;
  return [...results, ...blocks.filter((block) => block.type !== 'tool_result')];
}

/** Trims the prefill's trailing whitespace; true when nothing is left of the turn. */
function trimPrefill(blocks: AnthropicRequestBlock[]): boolean {
  const tail = blocks[blocks.length - 1];
  if (tail?.type !== 'text') return false;
  const trimmed = tail.text.trimEnd();
  if (trimmed === '') blocks.pop();
  else tail.text = trimmed;
  return blocks.length === 0;
}
