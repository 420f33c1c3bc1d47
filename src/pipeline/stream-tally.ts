import type { FinishReason } from '../core/canonical/finish-reason.js';
import type { StreamPart } from '../core/canonical/stream-part.js';
import type { TokenCounts } from '../core/canonical/usage.js';
import { readOpenAIFramesText, type OpenAIFrameTally } from '../protocols/openai-chat/relay-openai-frame.js';

/** Escaped texts gathered before they are decoded into one string (which holds no upstream read alive). */
const TEXTS_PER_RUN = 64;

/**
 * Joins the whole frames kept from one read into one string. A JSON text holds no raw U+0000 (a
 * frame that does is not JSON, and neither are its pieces: both count as nothing).
 */
const FRAME_SEPARATOR = '\u0000';

/**
 * What the relay learns about a stream as it passes: ids, finish, usage, text for estimates.
 * Until usage comes, the relayed text is kept in order for the fallback count: content-only
 * frames as their text (decoded a run at a time), other frames whole (parsed only if needed).
 * Frames and texts arrive as slices of the upstream read they were cut from, and a slice holds
 * that whole read alive: after each read of several events (`endRead`) what was kept from it is
 * copied into strings of its own, and once usage came nothing is kept at all. Otherwise every
 * read of a stream (18 KB for 64 chunks) lived as long as the request, long enough to be
 * promoted to the old generation.
 */
export class StreamTally implements OpenAIFrameTally {
  upstreamId: string | null = null;
  finishReason: FinishReason | null = null;
  nativeFinishReason: string | null = null;
  tokens: TokenCounts | undefined;
  /** Decoded runs of content-only frames and joined runs of whole frames, in stream order. */
  #kept: Array<{ text: string } | { frames: string }> = [];
  #escaped: string[] = [];
  #frames: string[] = [];
  #text = '';

  retain(frame: string): void {
    if (this.tokens) return;
    this.#decodeRun();
    this.#frames.push(frame);
  }

  retainText(escaped: string): void {
    if (this.tokens) return;
    this.#joinFrames();
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

  /**
   * An upstream read of `events` events was relayed: keep nothing that refers to it. A read of one
   * event (a model's usual pace) is about the size of what is kept from it, so it is left to the
   * next run's decode: a decode per read would cost a parse per chunk.
   */
  endRead(events: number): void {
    if (this.tokens) {
      if (this.#kept.length > 0 || this.#escaped.length > 0 || this.#frames.length > 0 || this.#text !== '') {
        this.#kept = [];
        this.#escaped = [];
        this.#frames = [];
        this.#text = '';
      }
      return;
    }
    if (events < 2) return;
    this.#decodeRun();
    this.#joinFrames();
  }

  /** The text streamed so far; only assembled when the upstream sent no usage. */
  streamedText(): string {
    this.#decodeRun();
    this.#joinFrames();
    let text = this.#text;
    for (const kept of this.#kept) text += 'text' in kept ? kept.text : readOpenAIFramesText(kept.frames.split(FRAME_SEPARATOR));
    return text;
  }

  #decodeRun(): void {
    if (this.#escaped.length === 0) return;
    this.#kept.push({ text: decodeJsonStrings(this.#escaped) });
    this.#escaped = [];
  }

  /**
   * Array join builds a new string that refers to no read, except for a single element, which it
   * returns as it is: a trailing empty frame makes it two (an empty frame is not JSON, and counts as nothing).
   */
  #joinFrames(): void {
    if (this.#frames.length === 0) return;
    this.#frames.push('');
    this.#kept.push({ frames: this.#frames.join(FRAME_SEPARATOR) });
    this.#frames = [];
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
