import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
const MAX_ENTRIES = 4096;
const MAX_CACHED_LENGTH = 64 * 1024;
const memo = /* @__PURE__ */ new Map();
const WHOLE_CHARS = 4096;
const EXACT_CHARS = 32 * 1024;
const WINDOW = 256;
function countTextTokens(text) {
  if (text.length === 0) return 0;
  const hit = memo.get(text);
  if (hit !== void 0) return hit;
  const n = text.length <= WHOLE_CHARS ? countTokens(text) : countLong(text);
  if (text.length <= MAX_CACHED_LENGTH) {
    if (memo.size >= MAX_ENTRIES) memo.clear();
    memo.set(text, n);
  }
  return n;
}
function countLong(text) {
  const exact = Math.min(text.length, EXACT_CHARS);
  let tokens = 0;
  for (let start = 0; start < exact; start += WINDOW) tokens += countTokens(text.slice(start, Math.min(exact, start + WINDOW)));
  return Math.ceil(tokens * text.length / exact);
}
export {
  countTextTokens
};
//# sourceMappingURL=count-text-tokens.js.map
