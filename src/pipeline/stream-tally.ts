import type { FinishReason } from '../core/canonical/finish-reason.js';
import type { StreamPart } from '../core/canonical/stream-part.js';
import type { TokenCounts } from '../core/canonical/usage.js';
import { readOpenAIFramesText, type OpenAIFrameTally } from '../protocols/openai-chat/relay-openai-frame.js';

/** Escaped texts gathered before they are decoded into one string (which holds no upstream read alive). */
const TEXTS_PER_RUN = 64;

/**
 * What the relay learns about a stream as it passes: ids, finish, usage, text for estimates.
 * Until usage comes, the relayed text is kept in order for the fallback count: content-only
 * frames as their text (decoded a run at a time), other frames whole (parsed only if needed).
 */
export class StreamTally implements OpenAIFrameTally {
  upstreamId: string | null = null;
  finishReason: FinishReason | null = null;
  nativeFinishReason: string | null = null;
  tokens: TokenCounts | undefined;
  /** Whole frames (strings) and decoded runs of content-only frames, in stream order. */
  readonly #kept: Array<string | { text: string }> = [];
  #escaped: string[] = [];
  #text = '';

  retain(frame: string): void {
    if (this.tokens) return;
    this.#decodeRun();
    this.#kept.push(frame);
  }

  retainText(escaped: string): void {
    if (this.tokens) return;
    if (this.#escaped.push(escaped) === TEXTS_PER_RUN) this.#decodeRun();
  }

  addParts(parts: StreamPart[]): void {
    for (const part of parts) {
      if (part.type === 'response-start') this.upstreamId = part.upstreamId;
      else if (part.type === 'text-delta' || part.type === 'reasoning-delta') this.#text += part.text;
      else if (part.type === 'tool-call-delta') this.#text += part.argumentsDelta;
      else if (part.type === 'finish') {
        this.finishReason = part.finishReason;
        this.nativeFinishReason = part.nativeFinishReason;
      } else if (part.type === 'usage') this.tokens = part.tokens;
    }
  }

  /** The text streamed so far; only assembled when the upstream sent no usage. */
  streamedText(): string {
    this.#decodeRun();
    let text = this.#text;
    for (const kept of this.#kept) text += typeof kept === 'string' ? readOpenAIFramesText([kept]) : kept.text;
    return text;
  }

  #decodeRun(): void {
    if (this.#escaped.length === 0) return;
    this.#kept.push({ text: decodeJsonStrings(this.#escaped) });
    this.#escaped = [];
  }
}

/** The texts of JSON string bodies, joined; one that is not valid JSON counts as nothing (as its frame would). */
function decodeJsonStrings(escaped: readonly string[]): string {
  try {
    return JSON.parse(`"${escaped.join('')}"`) as string;
  } catch {
    let text = '';
    for (const body of escaped) {
      try {
        text += JSON.parse(`"${body}"`) as string;
      } catch {
        // A frame whose JSON does not parse adds no text to the count (readOpenAIFramesText skips it).
      }
    }
    return text;
  }
}
