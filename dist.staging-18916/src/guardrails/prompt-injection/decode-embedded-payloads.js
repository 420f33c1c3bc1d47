const MAX_PAYLOADS = 32;
const MIN_RUN = 16;
const MAX_RUN = 16384;
function isReadable(text) {
  if (text.length < 8) return false;
  let printable = 0;
  let letters = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 32 && code < 127 || code === 10 || code === 13 || code === 9 || code >= 160) printable += 1;
    if (code >= 65 && code <= 90 || code >= 97 && code <= 122) letters += 1;
  }
  return printable / text.length >= 0.95 && letters / text.length >= 0.5 && /\s/.test(text);
}
function isBase64Char(code) {
  return code >= 65 && code <= 90 || code >= 97 && code <= 122 || code >= 48 && code <= 57 || code === 43 || code === 47 || code === 45 || code === 95;
}
function isHexChar(code) {
  return code >= 48 && code <= 57 || code >= 97 && code <= 102 || code >= 65 && code <= 70;
}
function decodeEmbeddedPayloads(text) {
  const found = [];
  let runStart = -1;
  let upper = false;
  let lowerOrDigit = false;
  for (let i = 0; i <= text.length && found.length < MAX_PAYLOADS; i += 1) {
    const code = i < text.length ? text.charCodeAt(i) : -1;
    if (code >= 0 && isBase64Char(code)) {
      if (runStart < 0) {
        runStart = i;
        upper = false;
        lowerOrDigit = false;
      }
      if (code >= 65 && code <= 90) upper = true;
      else lowerOrDigit = true;
      continue;
    }
    if (runStart < 0) continue;
    const length = i - runStart;
    if (length >= MIN_RUN && length <= MAX_RUN && upper && lowerOrDigit) {
      const run = text.slice(runStart, i);
      const decoded = Buffer.from(run.replace(/-/g, "+").replace(/_/g, "/"), "base64").toString("utf8");
      let end = i;
      while (text.charCodeAt(end) === 61 && end < i + 2) end += 1;
      if (isReadable(decoded)) found.push({ start: runStart, end, encoding: "base64", text: decoded });
      else if (/^[0-9a-fA-F]+$/.test(run)) pushHex(found, run, runStart);
    } else if (length >= MIN_RUN && length <= MAX_RUN && /^[0-9a-f]+$/.test(text.slice(runStart, i))) {
      pushHex(found, text.slice(runStart, i), runStart);
    }
    runStart = -1;
  }
  if (found.length < MAX_PAYLOADS && text.includes("\\x")) findEscapedHex(text, found);
  return found;
}
function pushHex(found, digits, start) {
  if (digits.length % 2 !== 0) return;
  const decoded = Buffer.from(digits, "hex").toString("utf8");
  if (isReadable(decoded)) found.push({ start, end: start + digits.length, encoding: "hex", text: decoded });
}
function findEscapedHex(text, found) {
  let i = text.indexOf("\\x");
  while (i >= 0 && found.length < MAX_PAYLOADS) {
    let j = i;
    let digits = "";
    while (text.charCodeAt(j) === 92 && text.charCodeAt(j + 1) === 120 && isHexChar(text.charCodeAt(j + 2)) && isHexChar(text.charCodeAt(j + 3))) {
      digits += text.slice(j + 2, j + 4);
      j += 4;
    }
    if (digits.length >= MIN_RUN) pushHex(found, digits, i);
    i = text.indexOf("\\x", Math.max(j, i + 2));
  }
}
export {
  decodeEmbeddedPayloads
};
//# sourceMappingURL=decode-embedded-payloads.js.map
