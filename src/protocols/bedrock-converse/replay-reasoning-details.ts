import type { BedrockReasoningBlock } from './bedrock-converse-api.js';

/** The `format` Switchyard stamps on reasoning from Claude on Bedrock (OpenRouter's name). */
export const BEDROCK_REASONING_FORMAT = 'anthropic-claude-v1';

/** Formats whose signatures Bedrock can verify; other vendors' reasoning is not replayed. */
const REPLAYABLE_FORMATS = new Set([undefined, 'unknown', BEDROCK_REASONING_FORMAT]);

interface ReasoningDetail {
  type?: unknown;
  text?: unknown;
  signature?: unknown;
  data?: unknown;
  format?: unknown;
  index?: unknown;
}

/**
 * Turns an assistant message's `reasoning_details` (OpenRouter shape) back into Converse
 * `reasoningContent` blocks, so Claude can verify its own thinking on the next turn (required
 * when thinking and tools are combined). Details streamed as fragments (`reasoning.text`
 * pieces sharing an `index`, the signature in its own piece) are joined first. Unsigned text
 * is dropped: Bedrock would reject it, and it carries nothing the model needs.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ReasoningContentBlock.html
 */
export function replayReasoningDetails(details: unknown[] | undefined): BedrockReasoningBlock[] {
  if (!Array.isArray(details) || details.length === 0) return [];
  const groups: Array<{ key: string; text: string; signature?: string; redacted?: string }> = [];
  for (const raw of details as ReasoningDetail[]) {
    if (!raw || typeof raw !== 'object') continue;
    const format = typeof raw.format === 'string' ? raw.format : undefined;
    if (!REPLAYABLE_FORMATS.has(format)) continue;
    const key = `${String(raw.type)}:${typeof raw.index === 'number' ? raw.index : groups.length}`;
    if (raw.type === 'reasoning.encrypted' && typeof raw.data === 'string') {
      groups.push({ key: `${key}:${groups.length}`, text: '', redacted: raw.data });
      continue;
    }
    if (raw.type !== 'reasoning.text') continue;
    let group = groups[groups.length - 1];
    if (group?.key !== key || group.signature !== undefined) {
      group = { key, text: '' };
      groups.push(group);
    }
    if (typeof raw.text === 'string') group.text += raw.text;
    if (typeof raw.signature === 'string' && raw.signature !== '') group.signature = raw.signature;
  }
  const blocks: BedrockReasoningBlock[] = [];
  for (const group of groups) {
    if (group.redacted !== undefined) blocks.push({ reasoningContent: { redactedContent: group.redacted } });
    else if (group.signature !== undefined) {
      blocks.push({ reasoningContent: { reasoningText: { text: group.text, signature: group.signature } } });
    }
  }
  return blocks;
}
