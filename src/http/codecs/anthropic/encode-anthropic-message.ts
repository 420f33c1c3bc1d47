import type { ChatResult } from '../../../core/canonical/chat-response.js';
import { toAnthropicReasoningBlock } from './carry-foreign-reasoning.js';

/**
 * The content blocks of a non-streamed answer: thinking (with signatures, redacted thinking
 * as `redacted_thinking`), then text, then `tool_use` with parsed `input`.
 */
export function toAnthropicContent(message: ChatResult['choices'][number]['message']): Array<Record<string, unknown>> {
  const blocks: Array<Record<string, unknown>> = [];
  for (const detail of message.reasoning_details ?? []) {
    const block = toAnthropicReasoningBlock(detail);
    if (block) blocks.push(block);
  }
  if (blocks.length === 0 && message.reasoning) blocks.push({ type: 'thinking', thinking: message.reasoning, signature: '' });
  if (message.content) blocks.push({ type: 'text', text: message.content });
  for (const call of message.tool_calls ?? []) {
    blocks.push({ type: 'tool_use', id: call.id, name: call.function.name, input: parseToolInput(call.function.arguments) });
  }
  return blocks;
}

/** Tool arguments as an object; a model's malformed JSON arrives as `{}` rather than failing the turn. */
export function parseToolInput(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
