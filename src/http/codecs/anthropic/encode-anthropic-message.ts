import type { ChatResult } from '../../../core/canonical/chat-response.js';
import type { FinishReason } from '../../../core/canonical/finish-reason.js';
import type { TokenCounts, Usage } from '../../../core/canonical/usage.js';
import { toAnthropicReasoningBlock } from './carry-foreign-reasoning.js';

/** Finer Anthropic stop reasons an upstream may report natively, by the canonical reason they refine. */
const NATIVE_REFINEMENTS: Record<string, ReadonlySet<string>> = {
  stop: new Set(['end_turn', 'stop_sequence', 'pause_turn']),
  length: new Set(['max_tokens', 'model_context_window_exceeded']),
};

/**
 * Maps a canonical finish reason to Anthropic's `stop_reason`: stop → end_turn, length →
 * max_tokens, tool_calls → tool_use, content_filter → refusal. A native reason from an
 * Anthropic-family upstream refines it only when it agrees (`stop_sequence`, `pause_turn`,
 * `model_context_window_exceeded`); a native `tool_use` behind a canonical stop (JSON output
 * through a forced tool) stays end_turn.
 */
export function toAnthropicStopReason(finish: FinishReason | null, native: string | null): string {
  const canonical = finish ?? 'stop';
  if (native !== null && NATIVE_REFINEMENTS[canonical]?.has(native)) return native;
  switch (canonical) {
    case 'length':
      return 'max_tokens';
    case 'tool_calls':
      return 'tool_use';
    case 'content_filter':
      return 'refusal';
    default:
      return 'end_turn';
  }
}

/**
 * Anthropic's `usage`: `input_tokens` excludes cache reads and writes (the canonical prompt
 * count includes them). `cost` (USD, as on /chat/completions) is Switchyard's addition.
 */
export function toAnthropicUsage(tokens: TokenCounts, usage: Usage): Record<string, unknown> {
  const cacheRead = Math.min(tokens.cachedReadTokens, tokens.promptTokens);
  const cacheWrite = Math.min(tokens.cacheWriteTokens, tokens.promptTokens - cacheRead);
  return {
    input_tokens: tokens.promptTokens - cacheRead - cacheWrite,
    output_tokens: tokens.completionTokens,
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
    ...(tokens.reasoningTokens > 0 ? { output_tokens_details: { thinking_tokens: tokens.reasoningTokens } } : {}),
    cost: usage.cost ?? 0,
  };
}

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
