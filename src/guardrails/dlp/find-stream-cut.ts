/**
 * Characters that a built-in match may hold just before (left) or just after (right) a
 * space: digits and the upper-case letters of IBANs and PEM headers
 * (`-----BEGIN RSA PRIVATE KEY-----`) on both sides; a phone's `)` before a space and its
 * `(` after one (`+1 (555) 123-4567`). Separators (`- . +`) never touch a space inside a
 * match (cards, SSNs and phones take one separator between digits), and no built-in match
 * holds a lower-case letter next to a space or any whitespace but one ASCII space — so a
 * space with anything else beside it ends every possible match.
 */
function isDigitOrUpper(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
}
function joinsBeforeSpace(code: number): boolean {
  return isDigitOrUpper(code) || code === 41; // )
}
function joinsAfterSpace(code: number): boolean {
  return isDigitOrUpper(code) || code === 40; // (
}

function isSpace(char: string | undefined): boolean {
  return char !== undefined && /\s/.test(char);
}

/**
 * How many leading characters of a streamed block's held text can be released now, because
 * no built-in DLP match that is still growing can include them. Pure; the rule:
 *
 * - The trailing run of non-whitespace characters may still be (the start of) a match: held.
 * - A single space before that run is crossed, and the run before it held too, when the
 *   characters on both sides of the space can join across it (cards, phones, SSNs, IBANs,
 *   PEM headers: see joinsBeforeSpace/joinsAfterSpace); the walk repeats group by group.
 * - Text ending in whitespace is held only when it ends in one space after such a group
 *   (`4111 ` may go on `1111 …`); otherwise everything is released.
 * - At most `maxHold` characters are held: the caller never cuts inside a match it found.
 *
 * It relies on every built-in match being whitespace-free except for those single spaces;
 * custom patterns can match anything, so callers must not use it for them.
 */
export function findStreamCut(text: string, maxHold: number): number {
  const end = text.length;
  let pos = end;
  if (isSpace(text[end - 1])) {
    // One space after a joinable character may still continue a spaced match.
    const before = text.charCodeAt(end - 2);
    if (text[end - 1] !== ' ' || end < 2 || isSpace(text[end - 2]) || !joinsBeforeSpace(before)) return end;
    pos = end - 1;
  }
  for (;;) {
    // pos is the end of a group (exclusive); walk to its start.
    let start = pos;
    while (start > 0 && !isSpace(text[start - 1])) start -= 1;
    // The trailing group is held whatever it holds; an earlier one only because the walk
    // crossed the single space after it (a joinable character on both sides).
    pos = start;
    const canCross =
      start >= 2 &&
      text[start - 1] === ' ' &&
      !isSpace(text[start - 2]) &&
      joinsBeforeSpace(text.charCodeAt(start - 2)) &&
      joinsAfterSpace(text.charCodeAt(start));
    if (!canCross || end - pos > maxHold) break;
    pos = start - 1;
  }
  return Math.max(pos, end - maxHold, 0);
}
