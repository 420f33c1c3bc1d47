/**
 * Text prepared for pattern matching, with a map back to the original so a match found
 * in the normalised text can be redacted in the text the client sent.
 */
export interface MappedText {
  text: string;
  /** Original start offset of each character of `text`; null = identity (ASCII fast path). */
  starts: Int32Array | null;
  /** Original end offset (exclusive) of each character of `text`. */
  ends: Int32Array | null;
}

/** Maps a half-open span of mapped text back to the original. */
export function toOriginalSpan(mapped: MappedText, start: number, end: number): [number, number] {
  if (!mapped.starts || !mapped.ends) return [start, end];
  return [mapped.starts[start] ?? 0, mapped.ends[Math.max(start, end - 1)] ?? 0];
}

/**
 * Look-alike letters from other scripts (Unicode's confusables for Latin, the ones seen in
 * attacks), folded only inside words that also contain Latin letters: a Russian word stays
 * Russian, while `іgnоrе` written with Cyrillic і/о/е becomes `ignore`.
 */
const CONFUSABLES: Record<string, string> = {
  'а': 'a', 'в': 'b', 'е': 'e', 'ё': 'e', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p', 'с': 'c', 'т': 't', 'у': 'y',
  'х': 'x', 'ѕ': 's', 'і': 'i', 'ї': 'i', 'ј': 'j', 'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w', 'һ': 'h', 'ӏ': 'l', 'ɡ': 'g', 'ɑ': 'a',
  'α': 'a', 'β': 'b', 'ε': 'e', 'ι': 'i', 'κ': 'k', 'ν': 'v', 'ο': 'o', 'ρ': 'p', 'τ': 't', 'υ': 'u', 'χ': 'x', 'γ': 'y',
  'ѵ': 'v', 'ɩ': 'i', 'ı': 'i', 'ȷ': 'j', 'ℓ': 'l', 'ꞵ': 'b',
};

const NOT_ASCII = /[^\x00-\x7f]/;
/** Zero-width and other invisible format characters used to split trigger words. */
const INVISIBLE = /^[\p{Cf}\u034f\u115f\u1160\u17b4\u17b5\u180e\u3164\uffa0]$/u;
const COMBINING = /\p{M}/gu;

/**
 * Lower-cases and, for non-ASCII text, removes invisible characters, applies NFKC
 * (full-width and mathematical letters become ASCII), strips accents from Latin letters
 * and folds look-alikes in mixed-script words. Pure ASCII text takes a one-call fast path.
 */
export function normalizeForScan(original: string): MappedText {
  if (!NOT_ASCII.test(original)) return { text: original.toLowerCase(), starts: null, ends: null };
  const chars: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let index = 0;
  for (const cp of original) {
    const start = index;
    index += cp.length;
    const code = cp.codePointAt(0) as number;
    let out: string;
    if (code < 0x80) out = cp.toLowerCase();
    else if (INVISIBLE.test(cp)) continue;
    else {
      out = cp.normalize('NFKC');
      // Accents come off Latin letters only: decomposing Hangul or kana would break the CJK patterns.
      if (code < 0x250 || (code >= 0x1e00 && code <= 0x1eff) || (code >= 0x1d400 && code <= 0x1d7ff) || (code >= 0xff00 && code <= 0xffef)) out = out.normalize('NFD').replace(COMBINING, '');
      out = out.toLowerCase();
    }
    for (const char of out) {
      chars.push(char);
      starts.push(start);
      ends.push(index);
    }
  }
  foldMixedScriptWords(chars);
  return { text: chars.join(''), starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

function isAsciiLetter(char: string): boolean {
  return char >= 'a' && char <= 'z';
}

function foldMixedScriptWords(chars: string[]): void {
  let wordStart = -1;
  for (let i = 0; i <= chars.length; i += 1) {
    const char = chars[i];
    const inWord = char !== undefined && (isAsciiLetter(char) || CONFUSABLES[char] !== undefined || /\p{L}/u.test(char));
    if (inWord && wordStart < 0) wordStart = i;
    if (!inWord && wordStart >= 0) {
      let latin = false;
      let confusable = false;
      for (let j = wordStart; j < i; j += 1) {
        const c = chars[j] as string;
        if (isAsciiLetter(c)) latin = true;
        else if (CONFUSABLES[c] !== undefined) confusable = true;
      }
      if (latin && confusable) {
        for (let j = wordStart; j < i; j += 1) chars[j] = CONFUSABLES[chars[j] as string] ?? (chars[j] as string);
      }
      wordStart = -1;
    }
  }
}

/**
 * Joins letters separated by single spacing characters (`i g n o r e`, `i.g.n.o.r.e`) so the
 * patterns see the word. A wider gap between letters is kept as one space, which is how
 * such text separates its words. Returns undefined when the text has no spaced-out run.
 */
export function collapseCharacterSpacing(mapped: MappedText): MappedText | undefined {
  const text = mapped.text;
  if (!hasSpacedLetters(text)) return undefined;
  SPACED_RUN.lastIndex = 0;
  if (!SPACED_RUN.test(text)) return undefined;
  SPACED_RUN.lastIndex = 0;
  const chars: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const push = (char: string, at: number) => {
    chars.push(char);
    const [start, end] = toOriginalSpan(mapped, at, at + 1);
    starts.push(start);
    ends.push(end);
  };
  let cursor = 0;
  for (let match = SPACED_RUN.exec(text); match !== null; match = SPACED_RUN.exec(text)) {
    for (let i = cursor; i < match.index; i += 1) push(text[i] as string, i);
    const runEnd = match.index + match[0].length;
    let gap = 0;
    for (let i = match.index; i < runEnd; i += 1) {
      const char = text[i] as string;
      if (char >= 'a' && char <= 'z') {
        if (gap >= 2 && chars.length > 0) push(' ', i - 1);
        push(char, i);
        gap = 0;
      } else gap += 1;
    }
    cursor = runEnd;
  }
  for (let i = cursor; i < text.length; i += 1) push(text[i] as string, i);
  return { text: chars.join(''), starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

const SPACERS = new Set([' ', '\t', '.', '_', '-', '*', '|', '~', '+', '/', '\\'].map((c) => c.charCodeAt(0)));

/**
 * Cheap pre-check for SPACED_RUN: four single letters in a row, each followed by a
 * spacing character, somewhere in the text. One pass over char codes, no regex.
 */
function hasSpacedLetters(text: string): boolean {
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

/**
 * Four or more single letters, each followed by one to three spacing characters. ASCII
 * letters only: the text is already normalised, and this keeps the scan cheap.
 */
const SPACED_RUN = /(?<![a-z])(?:[a-z][ \t._\-*|~+/\\]{1,3}){3,}[a-z](?![a-z])/g;
