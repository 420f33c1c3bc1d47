const KEYWORDS = [
  "ignore",
  "disregard",
  "forget",
  "previous",
  "prior",
  "above",
  "earlier",
  "instructions",
  "instruction",
  "prompt",
  "system",
  "bypass",
  "override",
  "reveal",
  "restrictions",
  "guidelines",
  "jailbreak",
  "jailbroken",
  "developer",
  "unrestricted",
  "unfiltered",
  "uncensored",
  "filters",
  "safety",
  "rules",
  "directives",
  "everything",
  "pretend",
  "character",
  "verbatim",
  "repeat",
  "confidential",
  "hidden",
  "secret",
  "initial",
  "original",
  "disable",
  "programming",
  "follow",
  "anything"
];
function scrambleKey(word) {
  const inner = word.slice(1, -1).split("").sort().join("");
  return `${word[0]}${word.length}${word[word.length - 1]}:${inner}`;
}
const BY_KEY = new Map(KEYWORDS.map((word) => [scrambleKey(word), word]));
const SHAPES = new Set(KEYWORDS.map((word) => shape(word, 0, word.length)));
function shape(text, start, length) {
  return text.charCodeAt(start) << 16 | length << 8 | text.charCodeAt(start + length - 1);
}
const isLetter = (code) => code >= 97 && code <= 122;
function undoTypoglycemia(text) {
  let out;
  let cursor = 0;
  let start = -1;
  for (let i = 0; i <= text.length; i += 1) {
    const letter = i < text.length && isLetter(text.charCodeAt(i));
    if (letter) {
      if (start < 0) start = i;
      continue;
    }
    if (start < 0) continue;
    const length = i - start;
    if (length >= 4 && length <= 14 && SHAPES.has(shape(text, start, length))) {
      const word = text.slice(start, i);
      const restored = BY_KEY.get(scrambleKey(word));
      if (restored !== void 0 && restored !== word) {
        out = (out ?? "") + text.slice(cursor, start) + restored;
        cursor = i;
      }
    }
    start = -1;
  }
  return out === void 0 ? text : out + text.slice(cursor);
}
export {
  undoTypoglycemia
};
//# sourceMappingURL=undo-typoglycemia.js.map
