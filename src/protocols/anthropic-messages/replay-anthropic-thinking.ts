import {
  ANTHROPIC_REASONING_FORMAT,
  type AnthropicRedactedThinkingBlock,
  type AnthropicThinkingBlock,
} from './anthropic-messages-api.js';

interface ReasoningDetail {
  type?: unknown;
  text?: unknown;
  signature?: unknown;
  data?: unknown;
  format?: unknown;
  index?: unknown;
}

interface MergedDetail {
  kind: 'text' | 'encrypted';
  index: unknown;
  text: string;
  signature: string;
  data: string;
}

/**
 * Rebuilds the thinking blocks of an earlier assistant turn from its `reasoning_details`
 * (OpenRouter's shape), so a tool loop with thinking continues: Anthropic requires the
 * blocks back unmodified, signature included, at the start of the assistant turn.
 *
 * Details streamed as many pieces (text deltas, then a signature-only item) that a client
 * sent back as they came are merged per `index`. Only Anthropic-format details are replayed
 * (signatures are bound to Claude; Anthropic, Bedrock and Vertex accept each other's), and a
 * text without a signature is dropped because Anthropic would reject it.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#preserving-thinking-blocks
 */
export function replayAnthropicThinking(details: unknown): Array<AnthropicThinkingBlock | AnthropicRedactedThinkingBlock> {
  if (!Array.isArray(details)) return [];
  const merged: MergedDetail[] = [];
  for (const raw of details as ReasoningDetail[]) {
    if (!raw || typeof raw !== 'object') continue;
    if (raw.format !== undefined && raw.format !== null && raw.format !== ANTHROPIC_REASONING_FORMAT) continue;
    const kind: MergedDetail['kind'] | undefined = raw.type === 'reasoning.text' ? 'text' : raw.type === 'reasoning.encrypted' ? 'encrypted' : undefined;
    if (!kind) continue;
    const last = merged[merged.length - 1];
    const same = last && last.kind === kind && typeof raw.index === 'number' && last.index === raw.index;
    const entry: MergedDetail = same ? last : { kind, index: raw.index, text: '', signature: '', data: '' };
    if (typeof raw.text === 'string') entry.text += raw.text;
    if (typeof raw.signature === 'string') entry.signature += raw.signature;
    if (typeof raw.data === 'string') entry.data += raw.data;
    if (!same) merged.push(entry);
  }
  const blocks: Array<AnthropicThinkingBlock | AnthropicRedactedThinkingBlock> = [];
  for (const entry of merged) {
    if (entry.kind === 'encrypted' && entry.data) blocks.push({ type: 'redacted_thinking', data: entry.data });
    else if (entry.kind === 'text' && entry.signature) blocks.push({ type: 'thinking', thinking: entry.text, signature: entry.signature });
  }
  return blocks;
}
