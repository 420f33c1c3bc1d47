import { mergeReasoningDetails } from '../shared/merge-reasoning-details.js';
import {
  ANTHROPIC_REASONING_FORMAT,
  type AnthropicRedactedThinkingBlock,
  type AnthropicThinkingBlock,
} from './anthropic-messages-api.js';

/** Signatures are bound to Claude; Anthropic, Bedrock and Vertex accept each other's. */
const REPLAYABLE_FORMATS: ReadonlySet<string | undefined> = new Set([undefined, ANTHROPIC_REASONING_FORMAT]);

/**
 * Rebuilds the thinking blocks of an earlier assistant turn from its `reasoning_details`
 * (OpenRouter's shape), so a tool loop with thinking continues: Anthropic requires the
 * blocks back unmodified, signature included, at the start of the assistant turn.
 * Streamed pieces are joined and unsigned text dropped (see mergeReasoningDetails).
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#preserving-thinking-blocks
 */
export function replayAnthropicThinking(details: unknown): Array<AnthropicThinkingBlock | AnthropicRedactedThinkingBlock> {
  return mergeReasoningDetails(details, REPLAYABLE_FORMATS).map((block) =>
    block.kind === 'encrypted'
      ? { type: 'redacted_thinking', data: block.data }
      : { type: 'thinking', thinking: block.text, signature: block.signature },
  );
}
