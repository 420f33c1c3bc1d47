import { mergeReasoningDetails } from '../shared/merge-reasoning-details.js';
import type { BedrockReasoningBlock } from './bedrock-converse-api.js';

/** The `format` Switchyard stamps on reasoning from Claude on Bedrock (OpenRouter's name). */
export const BEDROCK_REASONING_FORMAT = 'anthropic-claude-v1';

/** Formats whose signatures Bedrock can verify; other vendors' reasoning is not replayed. */
const REPLAYABLE_FORMATS: ReadonlySet<string | undefined> = new Set([undefined, 'unknown', BEDROCK_REASONING_FORMAT]);

/**
 * Turns an assistant message's `reasoning_details` (OpenRouter shape) back into Converse
 * `reasoningContent` blocks, so Claude can verify its own thinking on the next turn (required
 * when thinking and tools are combined). Streamed pieces are joined and unsigned text dropped
 * (see mergeReasoningDetails).
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ReasoningContentBlock.html
 */
export function replayReasoningDetails(details: unknown[] | undefined): BedrockReasoningBlock[] {
  return mergeReasoningDetails(details, REPLAYABLE_FORMATS).map((block) =>
    block.kind === 'encrypted'
      ? { reasoningContent: { redactedContent: block.data } }
      : { reasoningContent: { reasoningText: { text: block.text, signature: block.signature } } },
  );
}
