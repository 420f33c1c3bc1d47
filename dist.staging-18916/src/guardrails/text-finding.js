const ACTION_RANK = { flag: 0, redact: 1, block: 2 };
function redactFindings(text, findings) {
  const spans = findings.filter((finding) => finding.action !== "flag").sort((a, b) => a.start - b.start || b.end - a.end);
  if (spans.length === 0) return text;
  let out = "";
  let cursor = 0;
  for (const span of spans) {
    if (span.end <= cursor) continue;
    if (span.start >= cursor) {
      out += text.slice(cursor, span.start) + span.placeholder;
    }
    cursor = Math.max(cursor, span.end);
  }
  return out + text.slice(cursor);
}
export {
  ACTION_RANK,
  redactFindings
};
//# sourceMappingURL=text-finding.js.map
