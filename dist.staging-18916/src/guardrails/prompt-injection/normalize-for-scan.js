function toOriginalSpan(mapped, start, end) {
  if (!mapped.starts || !mapped.ends) return [start, end];
  return [mapped.starts[start] ?? 0, mapped.ends[Math.max(start, end - 1)] ?? 0];
}
const CONFUSABLES = {
  "\u0430": "a",
  "\u0432": "b",
  "\u0435": "e",
  "\u0451": "e",
  "\u043A": "k",
  "\u043C": "m",
  "\u043D": "h",
  "\u043E": "o",
  "\u0440": "p",
  "\u0441": "c",
  "\u0442": "t",
  "\u0443": "y",
  "\u0445": "x",
  "\u0455": "s",
  "\u0456": "i",
  "\u0457": "i",
  "\u0458": "j",
  "\u0501": "d",
  "\u051B": "q",
  "\u051D": "w",
  "\u04BB": "h",
  "\u04CF": "l",
  "\u0261": "g",
  "\u0251": "a",
  "\u03B1": "a",
  "\u03B2": "b",
  "\u03B5": "e",
  "\u03B9": "i",
  "\u03BA": "k",
  "\u03BD": "v",
  "\u03BF": "o",
  "\u03C1": "p",
  "\u03C4": "t",
  "\u03C5": "u",
  "\u03C7": "x",
  "\u03B3": "y",
  "\u0475": "v",
  "\u0269": "i",
  "\u0131": "i",
  "\u0237": "j",
  "\u2113": "l",
  "\uA7B5": "b"
};
const NOT_ASCII = /[^\x00-\x7f]/;
const INVISIBLE = /^[\p{Cf}\u034f\u115f\u1160\u17b4\u17b5\u180e\u3164\uffa0]$/u;
const COMBINING = new RegExp("\\p{M}", "gu");
function normalizeForScan(original) {
  if (!NOT_ASCII.test(original)) return { text: original.toLowerCase(), starts: null, ends: null };
  const chars = [];
  const starts = [];
  const ends = [];
  let index = 0;
  for (const cp of original) {
    const start = index;
    index += cp.length;
    const code = cp.codePointAt(0);
    let out;
    if (code < 128) out = cp.toLowerCase();
    else if (INVISIBLE.test(cp)) continue;
    else {
      out = cp.normalize("NFKC");
      if (code < 592 || code >= 7680 && code <= 7935 || code >= 119808 && code <= 120831 || code >= 65280 && code <= 65519) out = out.normalize("NFD").replace(COMBINING, "");
      out = out.toLowerCase();
    }
    for (const char of out) {
      chars.push(char);
      starts.push(start);
      ends.push(index);
    }
  }
  foldMixedScriptWords(chars);
  return { text: chars.join(""), starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}
function isAsciiLetter(char) {
  return char >= "a" && char <= "z";
}
function foldMixedScriptWords(chars) {
  let wordStart = -1;
  for (let i = 0; i <= chars.length; i += 1) {
    const char = chars[i];
    const inWord = char !== void 0 && (isAsciiLetter(char) || CONFUSABLES[char] !== void 0 || new RegExp("\\p{L}", "u").test(char));
    if (inWord && wordStart < 0) wordStart = i;
    if (!inWord && wordStart >= 0) {
      let latin = false;
      let confusable = false;
      for (let j = wordStart; j < i; j += 1) {
        const c = chars[j];
        if (isAsciiLetter(c)) latin = true;
        else if (CONFUSABLES[c] !== void 0) confusable = true;
      }
      if (latin && confusable) {
        for (let j = wordStart; j < i; j += 1) chars[j] = CONFUSABLES[chars[j]] ?? chars[j];
      }
      wordStart = -1;
    }
  }
}
function collapseCharacterSpacing(mapped) {
  const text = mapped.text;
  if (!hasSpacedLetters(text)) return void 0;
  SPACED_RUN.lastIndex = 0;
  if (!SPACED_RUN.test(text)) return void 0;
  SPACED_RUN.lastIndex = 0;
  const chars = [];
  const starts = [];
  const ends = [];
  const push = (char, at) => {
    chars.push(char);
    const [start, end] = toOriginalSpan(mapped, at, at + 1);
    starts.push(start);
    ends.push(end);
  };
  let cursor = 0;
  for (let match = SPACED_RUN.exec(text); match !== null; match = SPACED_RUN.exec(text)) {
    for (let i = cursor; i < match.index; i += 1) push(text[i], i);
    const runEnd = match.index + match[0].length;
    let gap = 0;
    for (let i = match.index; i < runEnd; i += 1) {
      const char = text[i];
      if (char >= "a" && char <= "z") {
        if (gap >= 2 && chars.length > 0) push(" ", i - 1);
        push(char, i);
        gap = 0;
      } else gap += 1;
    }
    cursor = runEnd;
  }
  for (let i = cursor; i < text.length; i += 1) push(text[i], i);
  return { text: chars.join(""), starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}
const SPACERS = new Set([" ", "	", ".", "_", "-", "*", "|", "~", "+", "/", "\\"].map((c) => c.charCodeAt(0)));
function hasSpacedLetters(text) {
  let singles = 0;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code >= 97 && code <= 122) {
      const next = text.charCodeAt(i + 1);
      if (next >= 97 && next <= 122) {
        singles = 0;
        while (i < text.length && text.charCodeAt(i) >= 97 && text.charCodeAt(i) <= 122) i += 1;
        continue;
      }
      singles += 1;
      if (singles >= 4) return true;
      i += 1;
      let gap = 0;
      while (i < text.length && SPACERS.has(text.charCodeAt(i)) && gap < 4) {
        i += 1;
        gap += 1;
      }
      if (gap === 0 || gap > 3) singles = 0;
      continue;
    }
    singles = 0;
    i += 1;
  }
  return false;
}
const SPACED_RUN = /(?<![a-z])(?:[a-z][ \t._\-*|~+/\\]{1,3}){3,}[a-z](?![a-z])/g;
export {
  collapseCharacterSpacing,
  normalizeForScan,
  toOriginalSpan
};
//# sourceMappingURL=normalize-for-scan.js.map
