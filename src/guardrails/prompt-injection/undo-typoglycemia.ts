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
const WORD = /(?<![a-z])[a-z]{4,14}(?![a-z])/g;

/** Returns `text` with scrambled keywords restored, or the same string when there were none. */
export function undoTypoglycemia(text: string): string {
  let out: string | undefined;
  let cursor = 0;
  WORD.lastIndex = 0;
  for (let match = WORD.exec(text); match !== null; match = WORD.exec(text)) {
    const word = match[0];
    if (!SHAPES.has(shape(word, 0, word.length))) continue;
    const restored = BY_KEY.get(scrambleKey(word));
    if (restored === undefined || restored === word) continue;
    out = (out ?? '') + text.slice(cursor, match.index) + restored;
    cursor = match.index + word.length;
  }
  return out === undefined ? text : out + text.slice(cursor);
}
