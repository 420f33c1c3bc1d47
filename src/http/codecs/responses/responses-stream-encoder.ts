import type { FinishReason } from '../../../core/canonical/finish-reason.js';
import type { GeneratedImage } from '../../../core/canonical/generated-image.js';
import type { StreamPart } from '../../../core/canonical/stream-part.js';
import type { Usage } from '../../../core/canonical/usage.js';
import type { StreamEncoder } from '../../../core/sse-sink.js';
import type { InferenceContext } from '../../../pipeline/inference-context.js';
import { encodeResponsesUsage, toImageGenerationItem, toReasoningItem, type ResponsesItem } from './encode-responses-object.js';

/** One output item being streamed: its position in `output` and what it has accumulated so far. */
interface OpenItem {
  outputIndex: number;
  item: ResponsesItem;
  kind: 'message' | 'reasoning' | 'function_call' | 'image_generation_call';
  text: string;
  /** Reasoning details (encrypted content, signatures) seen for a reasoning item. */
  details: unknown[];
  done: boolean;
}

/**
 * Turns canonical StreamParts into the Responses API event sequence the `openai` SDK's
 * `responses.stream()`, Codex CLI and the ai SDK parse: `response.created` and `response.in_progress`
 * first; each output item announced by `response.output_item.added` (and a message's text part by
 * `response.content_part.added`) before any delta refers to it; text, reasoning-summary and
 * function-call-argument deltas with their `.done` events; `response.output_item.done` per item; then
 * `response.completed` (or `response.incomplete` after `max_output_tokens`) carrying the whole response
 * with usage. Every event has a `sequence_number`, counting from 0. Each payload is one event; several
 * events in one payload are separated by newlines (the SSE framing splits them).
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */
export class ResponsesStreamEncoder implements StreamEncoder {
  readonly relaysOpenAIFrames = false;
  /** Responses streams end with the terminal event; the framing drops `[DONE]`. */
  readonly donePayload = '[DONE]';
  readonly #ctx: InferenceContext;
  #sequence = 0;
  #started = false;
  readonly #items: OpenItem[] = [];
  /** The open message or reasoning item (function calls stay open until the finish part). */
  #openText: OpenItem | undefined;
  readonly #tools = new Map<number, OpenItem>();
  #finish: FinishReason | null = null;

  constructor(ctx: InferenceContext) {
    this.#ctx = ctx;
  }

  encodeParts(parts: StreamPart[]): string[] {
    const out: string[] = [];
    for (const part of parts) {
      if ('choice' in part && part.choice !== 0) continue; // a response has one output list
      this.#ensureStarted(out);
      switch (part.type) {
        case 'response-start':
        case 'usage':
          break;
        case 'text-delta':
          if (part.text === '') break;
          this.#textDelta(out, part.text);
          break;
        case 'reasoning-delta':
          this.#reasoningDelta(out, part.text, part.details);
          break;
        case 'tool-call-start':
          this.#startTool(out, part.index, part.id, part.name);
          break;
        case 'tool-call-delta': {
          const tool = this.#tools.get(part.index);
          if (!tool || tool.done || part.argumentsDelta === '') break;
          tool.text += part.argumentsDelta;
          out.push(this.#event('response.function_call_arguments.delta', { item_id: tool.item.id, output_index: tool.outputIndex, delta: part.argumentsDelta }));
          break;
        }
        case 'image':
          this.#image(out, part.image);
          break;
        case 'finish':
          this.#finish = part.finishReason;
          this.#closeAll(out);
          break;
      }
    }
    return out;
  }

  /** Closes what is still open and sends the terminal event with the whole response and the priced usage. */
  encodeUsage(usage: Usage): string {
    const out: string[] = [];
    this.#ensureStarted(out);
    this.#closeAll(out);
    const incomplete = (this.#finish ?? this.#ctx.finishReason) === 'length';
    const response = this.#response(incomplete ? 'incomplete' : 'completed', usage);
    out.push(this.#event(incomplete ? 'response.incomplete' : 'response.completed', { response }));
    return out.join('\n');
  }

  /** An `error` event (the SDKs raise it as an APIError), preceded by `response.created` if nothing went out yet. */
  encodeError(error: { code: number; message: string; metadata?: Record<string, unknown> }): string {
    const out: string[] = [];
    this.#ensureStarted(out);
    out.push(this.#event('error', { code: String(error.code), message: error.message, param: null }));
    return out.join('\n');
  }

  #ensureStarted(out: string[]): void {
    if (this.#started) return;
    this.#started = true;
    const response = this.#response('in_progress', undefined);
    out.push(this.#event('response.created', { response }));
    out.push(this.#event('response.in_progress', { response }));
  }

  #textDelta(out: string[], text: string): void {
    let open = this.#openText;
    if (open?.kind !== 'message') {
      this.#closeText(out);
      open = this.#addItem(out, 'message', { type: 'message', id: `msg_${this.#ctx.generationId}_${this.#items.length}`, status: 'in_progress', role: 'assistant', content: [] });
      this.#openText = open;
      out.push(this.#event('response.content_part.added', { item_id: open.item.id, output_index: open.outputIndex, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } }));
    }
    open.text += text;
    out.push(this.#event('response.output_text.delta', { item_id: open.item.id, output_index: open.outputIndex, content_index: 0, delta: text, logprobs: [] }));
  }

  #reasoningDelta(out: string[], text: string, details: unknown[] | undefined): void {
    let open = this.#openText;
    if (open?.kind !== 'reasoning') {
      this.#closeText(out);
      open = this.#addItem(out, 'reasoning', { type: 'reasoning', id: `rs_${this.#ctx.generationId}_${this.#items.length}`, summary: [] });
      this.#openText = open;
    }
    if (details) open.details.push(...details);
    if (text === '') return;
    if (open.text === '') {
      out.push(this.#event('response.reasoning_summary_part.added', { item_id: open.item.id, output_index: open.outputIndex, summary_index: 0, part: { type: 'summary_text', text: '' } }));
    }
    open.text += text;
    out.push(this.#event('response.reasoning_summary_text.delta', { item_id: open.item.id, output_index: open.outputIndex, summary_index: 0, delta: text }));
  }

  /**
   * A whole image (upstreams send each in one piece) as an image_generation_call item: added, in progress,
   * generating, completed, done with the base64 `result`. No partial_image events: there are no previews.
   */
  #image(out: string[], image: GeneratedImage): void {
    this.#closeText(out);
    const done = toImageGenerationItem(`ig_${this.#ctx.generationId}_${this.#items.length}`, image);
    const open = this.#addItem(out, 'image_generation_call', { type: 'image_generation_call', id: done.id, status: 'in_progress', result: null });
    const at = { item_id: done.id, output_index: open.outputIndex };
    out.push(this.#event('response.image_generation_call.in_progress', at));
    out.push(this.#event('response.image_generation_call.generating', at));
    out.push(this.#event('response.image_generation_call.completed', at));
    open.item = done;
    open.done = true;
    out.push(this.#event('response.output_item.done', { output_index: open.outputIndex, item: done }));
  }

  #startTool(out: string[], index: number, callId: string, name: string): void {
    this.#closeText(out);
    const item = this.#addItem(out, 'function_call', { type: 'function_call', id: `fc_${callId}`, call_id: callId, name, arguments: '', status: 'in_progress' });
    this.#tools.set(index, item);
  }

  #addItem(out: string[], kind: OpenItem['kind'], item: ResponsesItem): OpenItem {
    const open: OpenItem = { outputIndex: this.#items.length, item, kind, text: '', details: [], done: false };
    this.#items.push(open);
    out.push(this.#event('response.output_item.added', { output_index: open.outputIndex, item }));
    return open;
  }

  #closeText(out: string[]): void {
    if (this.#openText) this.#close(out, this.#openText);
    this.#openText = undefined;
  }

  #closeAll(out: string[]): void {
    this.#closeText(out);
    for (const item of this.#items) if (!item.done) this.#close(out, item);
  }

  #close(out: string[], open: OpenItem): void {
    if (open.done) return;
    open.done = true;
    const { id } = open.item;
    const at = { item_id: id, output_index: open.outputIndex };
    if (open.kind === 'message') {
      const part = { type: 'output_text', text: open.text, annotations: [] };
      out.push(this.#event('response.output_text.done', { ...at, content_index: 0, text: open.text, logprobs: [] }));
      out.push(this.#event('response.content_part.done', { ...at, content_index: 0, part }));
      open.item = { ...open.item, status: 'completed', content: [part] };
    } else if (open.kind === 'reasoning') {
      if (open.text !== '') {
        out.push(this.#event('response.reasoning_summary_text.done', { ...at, summary_index: 0, text: open.text }));
        out.push(this.#event('response.reasoning_summary_part.done', { ...at, summary_index: 0, part: { type: 'summary_text', text: open.text } }));
      }
      open.item = toReasoningItem(String(id), open.text, open.details);
    } else {
      out.push(this.#event('response.function_call_arguments.done', { ...at, arguments: open.text }));
      open.item = { ...open.item, arguments: open.text, status: 'completed' };
    }
    out.push(this.#event('response.output_item.done', { output_index: open.outputIndex, item: open.item }));
  }

  #response(status: 'in_progress' | 'completed' | 'incomplete', usage: Usage | undefined): Record<string, unknown> {
    const ctx = this.#ctx;
    const output = this.#items.map((item) => item.item);
    return {
      id: ctx.generationId,
      object: 'response',
      created_at: Math.floor(ctx.startedAt / 1000),
      model: ctx.served?.model.model.id ?? ctx.request.model ?? null,
      status,
      incomplete_details: status === 'incomplete' ? { reason: 'max_output_tokens' } : null,
      error: null,
      output,
      ...(status === 'in_progress' ? {} : { output_text: this.#items.filter((item) => item.kind === 'message').map((item) => item.text).join('') }),
      metadata: ctx.request.metadata ?? {},
      usage: usage ? encodeResponsesUsage(usage) : null,
    };
  }

  #event(type: string, fields: Record<string, unknown>): string {
    return JSON.stringify({ type, sequence_number: this.#sequence++, ...fields });
  }
}
