function isDigitOrUpper(code) {
  return code >= 48 && code <= 57 || code >= 65 && code <= 90;
}
function joinsBeforeSpace(code) {
  return isDigitOrUpper(code) || code === 41;
}
function joinsAfterSpace(code) {
  return isDigitOrUpper(code) || code === 40;
}
function isSpace(char) {
  return char !== void 0 && /\s/.test(char);
}
function findStreamCut(text, maxHold) {
  const end = text.length;
  let pos = end;
  if (isSpace(text[end - 1])) {
    const before = text.charCodeAt(end - 2);
    if (text[end - 1] !== " " || end < 2 || isSpace(text[end - 2]) || !joinsBeforeSpace(before)) return end;
    pos = end - 1;
  }
  for (; ; ) {
    let start = pos;
    while (start > 0 && !isSpace(text[start - 1])) start -= 1;
    pos = start;
    const canCross = start >= 2 && text[start - 1] === " " && !isSpace(text[start - 2]) && joinsBeforeSpace(text.charCodeAt(start - 2)) && joinsAfterSpace(text.charCodeAt(start));
    if (!canCross || end - pos > maxHold) break;
    pos = start - 1;
  }
  return Math.max(pos, end - maxHold, 0);
}
export {
  findStreamCut
};
//# sourceMappingURL=find-stream-cut.js.map
