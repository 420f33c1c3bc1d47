import { createRequire } from 'node:module';

type CountBpeTokens = (text: string) => number;

/**
 * The o200k tokenizer's tables cost about 50 MB of memory and most of a second to load, all of it
 * synchronous. Most requests never need an exact count (see estimatePromptTokensUpperBound), but
 * loading on the first count stalled the event loop for every request in flight at that moment
 * (385 ms measured in event-loop-safety): the gateway loads it at start, before it listens
 * (loadTokenizer, from startGateway). Code that runs without the gateway loads it on first use.
 */
let countBpe: CountBpeTokens | undefined;
let exactCounts = 0;
function countBpeTokens(text: string): number {
  exactCounts += 1;
  countBpe ??= loadTokenizer();
  return countBpe(text);
}

/** Loads the tokenizer now (start-up, before the gateway listens); idempotent. */
export function loadTokenizer(): CountBpeTokens {
  countBpe ??= (createRequire(import.meta.url)('gpt-tokenizer/encoding/o200k_base') as { countTokens: CountBpeTokens }).countTokens;
  return countBpe;
}

/** How many texts this process has tokenized exactly (tests: a request that needed no exact count took none). */
export const exactTokenCounts = (): number => exactCounts;

/**
 * Texts are tokenized in windows of at most this many characters (cut before a space when one is
 * near): BPE costs grow faster than linearly with the length of a run without spaces (a 400,000
 * character run took about 86 s), so bounded windows make counting linear. Cutting before a space
 * matches the tokenizer's own pre-split, so prose counts exactly; a cut inside a long run adds at
 * most a token or two per window.
 */
const WINDOW_CHARS = 256;
/** Cooperative counting gives the event loop back after this much work. */
const SLICE_MS = 4;
const SPACE = 0x20;

/**
 * Counts tokens with the o200k tokenizer within a fixed budget of exact work, in characters.
 * Text beyond the budget is charged its UTF-8 byte length: a byte-level BPE never emits more
 * tokens than there are bytes, so the result stays an upper bound whatever the input (runs of
 * punctuation, random letters, CJK), and its cost stays linear in the input's length.
 *
 * `count` runs on the caller's turn of the event loop (give it a small budget); `countAsync`
 * yields to the event loop every few milliseconds, so a large budget never freezes the gateway.
 */
export class TokenCounter {
  #exactChars: number;

  constructor(exactChars: number) {
    this.#exactChars = exactChars;
  }

  /** Characters of exact counting left. */
  get exactCharsLeft(): number {
    return this.#exactChars;
  }

  count(text: string): number {
    const exactEnd = this.#take(text);
    let tokens = 0;
    for (let start = 0; start < exactEnd; ) {
      const end = windowEnd(text, start, exactEnd);
      tokens += countBpeTokens(text.slice(start, end));
      start = end;
    }
    return tokens + boundTail(text, exactEnd);
  }

  async countAsync(text: string): Promise<number> {
    const exactEnd = this.#take(text);
    let tokens = 0;
    let sliceStart = performance.now();
    for (let start = 0; start < exactEnd; ) {
      const end = windowEnd(text, start, exactEnd);
      tokens += countBpeTokens(text.slice(start, end));
      start = end;
      if (performance.now() - sliceStart > SLICE_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
    return tokens + boundTail(text, exactEnd);
  }

  /** Reserves exact work for a prefix of `text`; returns where exact counting stops. */
  #take(text: string): number {
    const exactEnd = Math.min(text.length, this.#exactChars);
    this.#exactChars -= exactEnd;
    return exactEnd;
  }
}

/** The upper bound for the part of a text past the exact budget: its UTF-8 byte length. */
function boundTail(text: string, from: number): number {
  if (from >= text.length) return 0;
  return Buffer.byteLength(from === 0 ? text : text.slice(from), 'utf8');
}

/**
 * Where the window starting at `start` ends: WINDOW_CHARS on, moved back to just before a space
 * in its second half if there is one (so the next window starts with " word", as the tokenizer
 * splits), and never between the two halves of a surrogate pair. Scans at most half a window.
 */
function windowEnd(text: string, start: number, limit: number): number {
  const end = start + WINDOW_CHARS;
  if (end >= limit) return limit;
  for (let at = end; at > start + WINDOW_CHARS / 2; at -= 1) if (text.charCodeAt(at) === SPACE) return at;
  const previous = text.charCodeAt(end - 1);
  return previous >= 0xd800 && previous <= 0xdbff ? end - 1 : end;
}
