import type { StreamPart } from '../../core/canonical/stream-part.js';
import type { BedrockStreamEvents } from './bedrock-converse-api.js';
import { convertBedrockUsage } from './convert-bedrock-usage.js';
import { mapBedrockFinishReason } from './map-bedrock-finish-reason.js';
import { BEDROCK_REASONING_FORMAT } from './replay-reasoning-details.js';
import { JSON_RESPONSE_TOOL } from './to-bedrock-converse-request.js';

type BlockKind = { kind: 'tool'; index: number } | { kind: 'json' } | { kind: 'reasoning'; index: number };

/**
 * Converts ConverseStream events (already decoded from the binary frames) into canonical
 * StreamParts. Tool calls are numbered in the order their `contentBlockStart` arrives and
 * every `toolUse.input` fragment becomes one `tool-call-delta`, in arrival order, so
 * parallel calls with many argument deltas reach the client as they were produced.
 * Reasoning text and its signature come as `reasoning-delta`s carrying OpenRouter-shaped
 * `reasoning_details`. `metadata` (usage) is the protocol's last event.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStreamOutput.html
 */
export class BedrockConverseStreamDecoder {
  #started = false;
  #toolCount = 0;
  #reasoningCount = 0;
  #jsonResponse = false;
  readonly #blocks = new Map<number, BlockKind>();

  /** Returns the parts for one event and whether it was the final (`metadata`) event. */
  decode(eventType: string | undefined, payload: Record<string, unknown>): { parts: StreamPart[]; done: boolean } {
    const parts: StreamPart[] = [];
    if (!this.#started) {
      this.#started = true;
      parts.push({ type: 'response-start', upstreamId: null });
    }
    switch (eventType) {
      case 'contentBlockStart':
        this.#startBlock(payload as unknown as BedrockStreamEvents['contentBlockStart'], parts);
        break;
      case 'contentBlockDelta':
        this.#delta(payload as unknown as BedrockStreamEvents['contentBlockDelta'], parts);
        break;
      case 'messageStop': {
        const { stopReason } = payload as unknown as BedrockStreamEvents['messageStop'];
        const jsonResponse = this.#jsonResponse && this.#toolCount === 0;
        parts.push({ type: 'finish', choice: 0, finishReason: mapBedrockFinishReason(stopReason, { jsonResponse }), nativeFinishReason: stopReason ?? null });
        break;
      }
      case 'metadata': {
        const tokens = convertBedrockUsage((payload as BedrockStreamEvents['metadata']).usage);
        if (tokens) parts.push({ type: 'usage', tokens });
        return { parts, done: true };
      }
      default:
        // messageStart carries only the role; contentBlockStop closes nothing we track.
        break;
    }
    return { parts, done: false };
  }

  #startBlock(event: BedrockStreamEvents['contentBlockStart'], parts: StreamPart[]): void {
    const toolUse = event.start?.toolUse;
    if (!toolUse) return;
    if (toolUse.name === JSON_RESPONSE_TOOL) {
      this.#jsonResponse = true;
      this.#blocks.set(event.contentBlockIndex, { kind: 'json' });
      return;
    }
    const index = this.#toolCount++;
    this.#blocks.set(event.contentBlockIndex, { kind: 'tool', index });
    parts.push({ type: 'tool-call-start', choice: 0, index, id: toolUse.toolUseId, name: toolUse.name });
  }

  #delta(event: BedrockStreamEvents['contentBlockDelta'], parts: StreamPart[]): void {
    const delta = event.delta ?? {};
    if (typeof delta.text === 'string') {
      if (delta.text !== '') parts.push({ type: 'text-delta', choice: 0, text: delta.text });
      return;
    }
    if (delta.toolUse) {
      const block = this.#blocks.get(event.contentBlockIndex);
      const fragment = delta.toolUse.input ?? '';
      if (fragment === '') return;
      if (block?.kind === 'json') parts.push({ type: 'text-delta', choice: 0, text: fragment });
      else if (block?.kind === 'tool') parts.push({ type: 'tool-call-delta', choice: 0, index: block.index, argumentsDelta: fragment });
      return;
    }
    if (delta.reasoningContent) {
      let block = this.#blocks.get(event.contentBlockIndex);
      if (block?.kind !== 'reasoning') {
        block = { kind: 'reasoning', index: this.#reasoningCount++ };
        this.#blocks.set(event.contentBlockIndex, block);
      }
      const { text, signature, redactedContent } = delta.reasoningContent;
      const base = { format: BEDROCK_REASONING_FORMAT, index: block.index };
      if (typeof text === 'string' && text !== '') {
        parts.push({ type: 'reasoning-delta', choice: 0, text, details: [{ type: 'reasoning.text', text, ...base }] });
      }
      if (typeof signature === 'string' && signature !== '') {
        parts.push({ type: 'reasoning-delta', choice: 0, text: '', details: [{ type: 'reasoning.text', text: '', signature, ...base }] });
      }
      if (typeof redactedContent === 'string' && redactedContent !== '') {
        parts.push({ type: 'reasoning-delta', choice: 0, text: '', details: [{ type: 'reasoning.encrypted', data: redactedContent, ...base }] });
      }
    }
  }
}
