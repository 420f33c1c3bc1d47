import { countWindowsLater, countWindowsNow, loadTokenizer, stopTokenizer, tokenizerLoaded } from './tokenizer-thread.js';

export { loadTokenizer, stopTokenizer, tokenizerLoaded };

let exactCounts = 0;
/** Set while withTokenizer runs its computation: a count that would wait for the tables throws instead. */
let deferLoad = false;
class TokenizerNotLoaded extends Error {}

/** Counts each text's windows in the tokenizer thread (one round trip for all of them). */
function countGroups(groups: string[][]): number[] {
  let windows = 0;
  for (const group of groups) windows += group.length;
  if (windows === 0) return groups.map(() => 0);
  if (deferLoad && !tokenizerLoaded()) throw new TokenizerNotLoaded();
  exactCounts += windows;
  return countWindowsNow(groups);
}

/**
 * Runs `compute`, which may count tokens exactly (estimatePromptTokens and what calls it). If it
 * needs the tokenizer before its tables are loaded, they are loaded first, without holding the
 * event loop, and `compute` runs again: it must not change anything before its first count.
 * Synchronous (no promise) whenever the tables are loaded or `compute` counts nothing.
 */
export function withTokenizer<T>(compute: () => T): T | Promise<T> {
  if (tokenizerLoaded()) return compute();
  deferLoad = true;
  try {
    return compute();
  } catch (error) {
    if (error instanceof TokenizerNotLoaded) return loadTokenizer().then(compute);
    throw error;
  } finally {
    deferLoad = false;
  }
}

/** How many texts (windows) this process has tokenized exactly (tests: a request that needed no exact count took none). */
export const exactTokenCounts = (): number => exactCounts;

/**
 * Texts are tokenized in windows of at most this many characters (cut before a space when one is
 * near): BPE costs grow faster than linearly with the length of a run without spaces (a 400,000
 * character run took about 86 s), so bounded windows make counting linear. Cutting before a space
 * matches the tokenizer's own pre-split, so prose counts exactly; a cut inside a long run adds at
 * most a token or two per window.
 */
const WINDOW_CHARS = 256;
/**
 * Awaited counting sends the thread about this many characters of windows at a time, so a
 * synchronous count asked meanwhile waits for one slice at most, never for a whole huge text.
 */
const SLICE_CHARS = 8 * WINDOW_CHARS;
const SPACE = 0x20;

/**
 * Counts tokens with the o200k tokenizer within a fixed budget of exact work, in characters.
 * Text beyond the budget is charged its UTF-8 byte length: a byte-level BPE never emits more
 * tokens than there are bytes, so the result stays an upper bound whatever the input (runs of
 * punctuation, random letters, CJK), and its cost stays linear in the input's length.
 *
 * `count` waits for the tokenizer thread on the caller's turn of the event loop (give it a small
 * budget); `countAsync` awaits the thread slice by slice, so a large budget never freezes the gateway.
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
    return this.countEach([text])[0] ?? 0;
  }

  /** count() for several texts at once (one round trip to the tokenizer thread). */
  countEach(texts: readonly string[]): number[] {
    const ends = texts.map((text) => this.#take(text));
    const counts = countGroups(texts.map((text, index) => windowsOf(text, 0, ends[index] ?? 0)));
    return counts.map((tokens, index) => tokens + boundTail(texts[index] ?? '', ends[index] ?? 0));
  }

  /** count(), with the tokenizer's work awaited slice by slice: the event loop never waits for it. */
  async countAsync(text: string): Promise<number> {
    const exactEnd = this.#take(text);
    let tokens = 0;
    for (let start = 0; start < exactEnd; ) {
      const windows = windowsOf(text, start, exactEnd, start + SLICE_CHARS);
      exactCounts += windows.length;
      tokens += (await countWindowsLater([windows]))[0] ?? 0;
      for (const window of windows) start += window.length;
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

/** The windows of text[start, limit), from `start` until one reaches `until` (default: limit). */
function windowsOf(text: string, start: number, limit: number, until = limit): string[] {
  const windows: string[] = [];
  for (let at = start; at < until && at < limit; ) {
    const end = windowEnd(text, at, limit);
    windows.push(text.slice(at, end));
    at = end;
  }
  return windows;
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
