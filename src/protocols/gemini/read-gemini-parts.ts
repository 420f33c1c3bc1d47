import { randomBytes } from 'node:crypto';
import { toGeneratedImage, type GeneratedImage } from '../../core/canonical/generated-image.js';
import { GEMINI_REASONING_FORMAT, type GeminiPart } from './gemini-api.js';

/** One OpenRouter `reasoning_details` entry produced from Gemini output. */
export type GeminiReasoningDetail =
  | { type: 'reasoning.text'; text: string; format: typeof GEMINI_REASONING_FORMAT; index: number }
  | { type: 'reasoning.encrypted'; data: string; id?: string; format: typeof GEMINI_REASONING_FORMAT; index: number };

/** What one Gemini part means to an OpenAI-shaped client, in arrival order. */
export type GeminiPiece =
  | { kind: 'text'; text: string }
  | { kind: 'reasoning'; text: string; details: GeminiReasoningDetail[] }
  | { kind: 'tool-call'; index: number; id: string; name: string; arguments: string }
  | { kind: 'image'; image: GeneratedImage };

/**
 * Reads the parts of one candidate (a whole response, or stream chunks one after another):
 * text, thought summaries (→ `reasoning` + a `reasoning.text` detail), function calls (each
 * with a stable id: Gemini's own `functionCall.id` when sent, else one minted here), and
 * thought signatures, kept as `reasoning.encrypted` details — bound by `id` to the tool call
 * they came on — so the next turn can replay them where Gemini expects them. Output images
 * (`inlineData` parts of image models) become data-URL images; interim "thought" images that
 * image models draft while thinking are not output and are skipped.
 */
export class GeminiPartReader {
  #toolIndex = 0;
  #detailIndex = 0;
  readonly #idPrefix = `call_${randomBytes(9).toString('base64url')}`;
  hasToolCalls = false;

  read(parts: GeminiPart[] | undefined): GeminiPiece[] {
    const pieces: GeminiPiece[] = [];
    for (const part of parts ?? []) {
      if (!part || typeof part !== 'object') continue;
      if (part.functionCall && typeof part.functionCall.name === 'string') {
        const index = this.#toolIndex++;
        const id = typeof part.functionCall.id === 'string' && part.functionCall.id ? part.functionCall.id : `${this.#idPrefix}_${index}`;
        this.hasToolCalls = true;
        if (part.thoughtSignature) pieces.push({ kind: 'reasoning', text: '', details: [this.#encrypted(part.thoughtSignature, id)] });
        pieces.push({ kind: 'tool-call', index, id, name: part.functionCall.name, arguments: JSON.stringify(part.functionCall.args ?? {}) });
        continue;
      }
      if (part.inlineData && typeof part.inlineData.data === 'string' && !part.thought) {
        pieces.push({ kind: 'image', image: toGeneratedImage(part.inlineData.mimeType || 'image/png', part.inlineData.data) });
        if (part.thoughtSignature) pieces.push({ kind: 'reasoning', text: '', details: [this.#encrypted(part.thoughtSignature)] });
        continue;
      }
      const text = typeof part.text === 'string' ? part.text : '';
      if (part.thought) {
        const details: GeminiReasoningDetail[] = [];
        if (text) details.push({ type: 'reasoning.text', text, format: GEMINI_REASONING_FORMAT, index: this.#detailIndex++ });
        if (part.thoughtSignature) details.push(this.#encrypted(part.thoughtSignature));
        if (details.length > 0) pieces.push({ kind: 'reasoning', text, details });
        continue;
      }
      if (text) pieces.push({ kind: 'text', text });
      if (part.thoughtSignature) pieces.push({ kind: 'reasoning', text: '', details: [this.#encrypted(part.thoughtSignature)] });
    }
    return pieces;
  }

  #encrypted(data: string, id?: string): GeminiReasoningDetail {
    const detail: GeminiReasoningDetail = { type: 'reasoning.encrypted', data, format: GEMINI_REASONING_FORMAT, index: this.#detailIndex++ };
    if (id) detail.id = id;
    return detail;
  }
}
