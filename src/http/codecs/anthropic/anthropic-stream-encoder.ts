import type { FinishReason } from '../../../core/canonical/finish-reason.js';
import type { StreamPart } from '../../../core/canonical/stream-part.js';
import type { Usage } from '../../../core/canonical/usage.js';
import type { InferenceContext } from '../../../pipeline/inference-context.js';
import type { StreamEncoder } from '../../../core/sse-sink.js';
import { anthropicErrorType } from './anthropic-error-body.js';
import { toAnthropicReasoningBlock } from './carry-foreign-reasoning.js';
import { toAnthropicStopReason } from '../../../protocols/anthropic-messages/map-anthropic-finish-reason.js';
import { toAnthropicUsage } from '../../../protocols/anthropic-messages/convert-anthropic-usage.js';

/**
 * One event's data. `type` is serialised first: the SSE framing reads the event name from
 * it, so payloads stay plain JSON (the response cache records and replays them as such).
 */
export function anthropicEvent(type: string, fields: Record<string, unknown> = {}): string {
  return JSON.stringify({ type, ...fields });
}

interface ToolBlock {
  id: string;
  name: string;
  /** Arguments received while another block was open (Anthropic blocks never interleave). */
  pending: string;
  /** Anthropic block index once started; undefined while waiting for its turn. */
  index: number | undefined;
  closed: boolean;
}

/**
 * Turns canonical StreamParts into Anthropic's event sequence: message_start, then per block
 * content_block_start → deltas (text_delta, thinking_delta, signature_delta, input_json_delta)
 * → content_block_stop, then message_delta (stop reason, final usage) and message_stop.
 * Blocks never interleave on Anthropic's wire, so argument deltas of a parallel tool call
 * that arrive while another block is open are held and sent, in order, when its turn comes.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */
export class AnthropicStreamEncoder implements StreamEncoder {
  readonly relaysOpenAIFrames = false;
  /** message_stop ends an Anthropic stream; there is no `[DONE]`. */
  readonly donePayload = anthropicEvent('message_stop');
  readonly #ctx: InferenceContext;
  #started = false;
  #nextIndex = 0;
  /** The open block: its index and kind (tool blocks are keyed by their canonical index). */
  #open: { index: number; kind: 'text' | 'thinking' | 'tool'; tool?: number } | undefined;
  /** A thinking block ends with its signature; more thinking after it opens a new block. */
  #thinkingSigned = false;
  readonly #tools = new Map<number, ToolBlock>();
  #finish: FinishReason | null = null;
  #nativeFinish: string | null = null;

  constructor(ctx: InferenceContext) {
    this.#ctx = ctx;
  }

  encodeParts(parts: StreamPart[]): string[] {
    const out: string[] = [];
    for (const part of parts) {
      if ('choice' in part && part.choice !== 0) continue; // Anthropic messages have one choice
      this.#ensureStarted(out);
      switch (part.type) {
        case 'response-start':
          break;
        case 'text-delta':
          if (part.text === '') break;
          this.#openBlock(out, 'text', { type: 'text', text: '' });
          out.push(this.#delta({ type: 'text_delta', text: part.text }));
          break;
        case 'reasoning-delta':
          this.#encodeReasoning(out, part);
          break;
        case 'tool-call-start':
          this.#startTool(out, part);
          break;
        case 'tool-call-delta':
          this.#toolDelta(out, part.index, part.argumentsDelta);
          break;
        case 'finish':
          this.#finish = part.finishReason;
          this.#nativeFinish = part.nativeFinishReason;
          this.#closeAll(out);
          break;
        case 'usage':
        // The Messages API has no output image block: an image model's images cannot reach an
        // Anthropic client (docs/image-output.md); its text still does.
        case 'image':
          break;
      }
    }
    return out;
  }

  /** message_delta with the stop reason and the final, priced usage (cumulative, as Anthropic sends it). */
  encodeUsage(usage: Usage): string {
    const out: string[] = [];
    this.#ensureStarted(out);
    this.#closeAll(out);
    const ctx = this.#ctx;
    out.push(
      anthropicEvent('message_delta', {
        delta: { stop_reason: toAnthropicStopReason(this.#finish ?? ctx.finishReason, this.#nativeFinish ?? ctx.nativeFinishReason), stop_sequence: null },
        usage: toAnthropicUsage(ctx.tokens, usage),
      }),
    );
    // Blocks are normally closed by the finish part already; if not, their stops lead (one event a line).
    return out.join('\n');
  }

  encodeError(error: { code: number; message: string; metadata?: Record<string, unknown> }): string {
    return anthropicEvent('error', { error: { type: anthropicErrorType(error.code), message: error.message } });
  }

  #ensureStarted(out: string[]): void {
    if (this.#started) return;
    this.#started = true;
    const ctx = this.#ctx;
    out.push(
      anthropicEvent('message_start', {
        message: {
          id: ctx.generationId,
          type: 'message',
          role: 'assistant',
          model: ctx.served?.model.model.id ?? ctx.request.model ?? null,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          // Final counts arrive in message_delta, once the upstream has reported them.
          usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
        },
      }),
    );
  }

  #encodeReasoning(out: string[], part: Extract<StreamPart, { type: 'reasoning-delta' }>): void {
    if (part.text !== '') {
      if (this.#open?.kind !== 'thinking' || this.#thinkingSigned) this.#startThinking(out);
      out.push(this.#delta({ type: 'thinking_delta', thinking: part.text }));
    }
    for (const detail of (part.details ?? []) as Array<{ type?: unknown; signature?: unknown }>) {
      if (detail.type === 'reasoning.encrypted') {
        const block = toAnthropicReasoningBlock(detail);
        if (!block) continue;
        this.#closeAll(out);
        const index = this.#nextIndex++;
        out.push(anthropicEvent('content_block_start', { index, content_block: block }));
        out.push(anthropicEvent('content_block_stop', { index }));
      } else if (typeof detail.signature === 'string' && detail.signature !== '') {
        if (this.#open?.kind !== 'thinking' || this.#thinkingSigned) this.#startThinking(out);
        const signature = (toAnthropicReasoningBlock({ ...detail, type: 'reasoning.text' }) as { signature: string }).signature;
        out.push(this.#delta({ type: 'signature_delta', signature }));
        this.#thinkingSigned = true;
      }
    }
  }

  #startThinking(out: string[]): void {
    this.#closeAll(out);
    this.#openBlock(out, 'thinking', { type: 'thinking', thinking: '', signature: '' });
    this.#thinkingSigned = false;
  }

  #startTool(out: string[], part: Extract<StreamPart, { type: 'tool-call-start' }>): void {
    const tool: ToolBlock = { id: part.id, name: part.name, pending: '', index: undefined, closed: false };
    this.#tools.set(part.index, tool);
    if (this.#open?.kind === 'tool') return; // waits until the open tool block is done
    this.#closeAll(out);
    this.#beginTool(out, part.index, tool);
  }

  #toolDelta(out: string[], toolIndex: number, text: string): void {
    const tool = this.#tools.get(toolIndex);
    if (!tool || text === '') return;
    if (this.#open?.kind === 'tool' && this.#open.tool === toolIndex) {
      out.push(this.#delta({ type: 'input_json_delta', partial_json: text }));
    } else if (tool.index === undefined) {
      tool.pending += text;
    }
  }

  #beginTool(out: string[], toolIndex: number, tool: ToolBlock): void {
    const index = this.#nextIndex++;
    tool.index = index;
    this.#open = { index, kind: 'tool', tool: toolIndex };
    out.push(anthropicEvent('content_block_start', { index, content_block: { type: 'tool_use', id: tool.id, name: tool.name, input: {} } }));
    if (tool.pending !== '') out.push(this.#delta({ type: 'input_json_delta', partial_json: tool.pending }));
    tool.pending = '';
  }

  #openBlock(out: string[], kind: 'text' | 'thinking', contentBlock: Record<string, unknown>): void {
    if (this.#open?.kind === kind && kind === 'text') return;
    this.#closeAll(out);
    const index = this.#nextIndex++;
    this.#open = { index, kind };
    out.push(anthropicEvent('content_block_start', { index, content_block: contentBlock }));
  }

  /** Closes the open block; a closed tool block hands over to the next waiting tool call. */
  #closeOpen(out: string[]): void {
    const open = this.#open;
    if (!open) return;
    out.push(anthropicEvent('content_block_stop', { index: open.index }));
    this.#open = undefined;
    if (open.kind !== 'tool') return;
    (this.#tools.get(open.tool as number) as ToolBlock).closed = true;
    for (const [toolIndex, tool] of this.#tools) {
      if (tool.index === undefined) {
        this.#beginTool(out, toolIndex, tool);
        return;
      }
    }
  }

  #closeAll(out: string[]): void {
    while (this.#open) this.#closeOpen(out);
  }

  #delta(delta: Record<string, unknown>): string {
    return anthropicEvent('content_block_delta', { index: this.#open?.index ?? 0, delta });
  }
}
