import { countTokens as countBpeTokens } from "gpt-tokenizer";
const WINDOW_CHARS = 256;
const SLICE_MS = 4;
const SPACE = 32;
class TokenCounter {
  #exactChars;
  constructor(exactChars) {
    this.#exactChars = exactChars;
  }
  /** Characters of exact counting left. */
  get exactCharsLeft() {
    return this.#exactChars;
  }
  count(text) {
    const exactEnd = this.#take(text);
    let tokens = 0;
    for (let start = 0; start < exactEnd; ) {
      const end = windowEnd(text, start, exactEnd);
      tokens += countBpeTokens(text.slice(start, end));
      start = end;
    }
    return tokens + boundTail(text, exactEnd);
  }
  async countAsync(text) {
    const exactEnd = this.#take(text);
    let tokens = 0;
    let sliceStart = performance.now();
    for (let start = 0; start < exactEnd; ) {
      const end = windowEnd(text, start, exactEnd);
      tokens += countBpeTokens(text.slice(start, end));
      start = end;
      if (performance.now() - sliceStart > SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
    return tokens + boundTail(text, exactEnd);
  }
  /** Reserves exact work for a prefix of `text`; returns where exact counting stops. */
  #take(text) {
    const exactEnd = Math.min(text.length, this.#exactChars);
    this.#exactChars -= exactEnd;
    return exactEnd;
  }
}
function boundTail(text, from) {
  if (from >= text.length) return 0;
  return Buffer.byteLength(from === 0 ? text : text.slice(from), "utf8");
}
function windowEnd(text, start, limit) {
  const end = start + WINDOW_CHARS;
  if (end >= limit) return limit;
  for (let at = end; at > start + WINDOW_CHARS / 2; at -= 1) if (text.charCodeAt(at) === SPACE) return at;
  const previous = text.charCodeAt(end - 1);
  return previous >= 55296 && previous <= 56319 ? end - 1 : end;
}
export {
  TokenCounter
};
//# sourceMappingURL=token-counter.js.map
