import type { StreamPart } from '../../core/canonical/stream-part.js';
import { convertGeminiUsage } from './convert-gemini-usage.js';
import type { GeminiResponse } from './gemini-api.js';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';
import { GeminiPartReader } from './read-gemini-parts.js';

/**
 * Converts `streamGenerateContent?alt=sse` chunks (each a whole GenerateContentResponse
 * carrying only the new parts) into canonical StreamParts, in arrival order. Gemini sends a
 * function call whole in one chunk, so each becomes a tool-call start followed by one
 * arguments delta. Usage is cumulative on every chunk; each is passed on and the last wins.
 * The stream has no end event: it ends at EOF.
 * @see https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent
 */
export class GeminiStreamDecoder {
  #started = false;
  readonly #readers = new Map<number, GeminiPartReader>();

  decode(chunk: GeminiResponse): StreamPart[] {
    const parts: StreamPart[] = [];
    if (!this.#started) {
      this.#started = true;
      parts.push({ type: 'response-start', upstreamId: typeof chunk.responseId === 'string' ? chunk.responseId : null });
    }
    const candidates = Array.isArray(chunk.candidates) ? chunk.candidates : [];
    for (const [position, candidate] of candidates.entries()) {
      const choice = typeof candidate.index === 'number' ? candidate.index : position;
      let reader = this.#readers.get(choice);
      if (!reader) {
        reader = new GeminiPartReader();
        this.#readers.set(choice, reader);
      }
      for (const piece of reader.read(candidate.content?.parts)) {
        if (piece.kind === 'text') parts.push({ type: 'text-delta', choice, text: piece.text });
        else if (piece.kind === 'reasoning') parts.push({ type: 'reasoning-delta', choice, text: piece.text, details: piece.details });
        else if (piece.kind === 'image') parts.push({ type: 'image', choice, image: piece.image });
        else {
          parts.push({ type: 'tool-call-start', choice, index: piece.index, id: piece.id, name: piece.name });
          parts.push({ type: 'tool-call-delta', choice, index: piece.index, argumentsDelta: piece.arguments });
        }
      }
      if (typeof candidate.finishReason === 'string' && candidate.finishReason) {
        parts.push({ type: 'finish', choice, finishReason: mapGeminiFinishReason(candidate.finishReason, reader.hasToolCalls), nativeFinishReason: candidate.finishReason });
      }
    }
    const blocked = chunk.promptFeedback?.blockReason;
    if (candidates.length === 0 && typeof blocked === 'string') {
      parts.push({ type: 'finish', choice: 0, finishReason: 'content_filter', nativeFinishReason: blocked });
    }
    const tokens = convertGeminiUsage(chunk.usageMetadata);
    if (tokens) parts.push({ type: 'usage', tokens });
    return parts;
  }
}
