// A word with the whitespace before it, or trailing whitespace alone, so the
// pieces concatenate back to the exact input (like tokens with leading spaces).
const WORD_PIECE = /\s*\S+|\s+$/g;

/** Split text into stream-sized pieces, one word each, losslessly. */
export function splitIntoWordPieces(text: string): string[] {
  return text.match(WORD_PIECE) ?? [];
}
