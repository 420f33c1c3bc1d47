/**
 * Characters that a built-in match may hold on either side of a single space: digits and
 * the punctuation of cards, phones and SSNs (`+ ( ) . -`), and the upper-case letters of
 * IBANs and PEM headers (`-----BEGIN RSA PRIVATE KEY-----`). No built-in match holds a
 * lower-case letter next to a space, nor any whitespace but one ASCII space between such
 * characters — so a space with anything else beside it ends every possible match.
 */
function joinsAcrossSpace(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || // 0-9
    (code >= 65 && code <= 90) || // A-Z
    code === 43 || // +
    code === 40 || // (
    code === 41 || // )
    code === 46 || // .
    code === 45 // -
  );
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
 *   PEM headers); the walk repeats group by group.
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
    if (text[end - 1] !== ' ' || end < 2 || isSpace(text[end - 2]) || !joinsAcrossSpace(before)) return end;
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
      joinsAcrossSpace(text.charCodeAt(start - 2)) &&
      joinsAcrossSpace(text.charCodeAt(start));
    if (!canCross || end - pos > maxHold) break;
    pos = start - 1;
  }
  return Math.max(pos, end - maxHold, 0);
}
