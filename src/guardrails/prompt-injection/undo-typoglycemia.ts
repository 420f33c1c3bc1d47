/**
 * Typoglycemia: "ignroe all prevoius insturctions" stays readable to a model because the
 * first and last letters are in place. Words of the attack vocabulary scrambled that way
 * are restored before matching. The replacement has the same length, so offsets into the
 * normalised text stay valid.
 */
const KEYWORDS = [
  'ignore', 'disregard', 'forget', 'previous', 'prior', 'above', 'earlier', 'instructions', 'instruction', 'prompt', 'system',
  'bypass', 'override', 'reveal', 'restrictions', 'guidelines', 'jailbreak', 'jailbroken', 'developer', 'unrestricted',
  'unfiltered', 'uncensored', 'filters', 'safety', 'rules', 'directives', 'everything', 'pretend', 'character', 'verbatim',
  'repeat', 'confidential', 'hidden', 'secret', 'initial', 'original', 'disable', 'programming', 'follow', 'anything',
];

/** Key of a word up to scrambling of its inner letters. */
function scrambleKey(word: string): string {
  const inner = word.slice(1, -1).split('').sort().join('');
  return `${word[0]}${word.length}${word[word.length - 1]}:${inner}`;
}

const BY_KEY = new Map<string, string>(KEYWORDS.map((word) => [scrambleKey(word), word]));
/** Cheap pre-check (first letter, length, last letter) before sorting a word's letters. */
const SHAPES = new Set(KEYWORDS.map((word) => shape(word, 0, word.length)));

function shape(text: string, start: number, length: number): number {
  return (text.charCodeAt(start) << 16) | (length << 8) | text.charCodeAt(start + length - 1);
}
const isLetter = (code: number) => code >= 97 && code <= 122;

/**
 * Returns `text` with scrambled keywords restored, or the same string when there were none.
 * A plain character loop: words are cut by char codes and only those whose first letter,
 * length and last letter fit a keyword have their letters sorted.
 */
export function undoTypoglycemia(text: string): string {
  let out: string | undefined;
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
      if (restored !== undefined && restored !== word) {
        out = (out ?? '') + text.slice(cursor, start) + restored;
        cursor = i;
      }
    }
    start = -1;
  }
  return out === undefined ? text : out + text.slice(cursor);
}
