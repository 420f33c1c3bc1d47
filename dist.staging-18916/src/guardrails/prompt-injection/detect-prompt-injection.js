import { decodeEmbeddedPayloads } from "./decode-embedded-payloads.js";
import { selectPatterns } from "./injection-patterns.js";
import { collapseCharacterSpacing, normalizeForScan, toOriginalSpan } from "./normalize-for-scan.js";
import { findSafePhraseSpans } from "./safe-phrases.js";
import { undoTypoglycemia } from "./undo-typoglycemia.js";
const RUN_TOGETHER = /(?:ignore|disregard|forget|bypass|override)(?:all|the|your|any|my|of|previous|prior|above|earlier|system|safety)*(?:instructions?|rules|prompts?|guidelines|restrictions|filters)/g;
const MAX_DECODE_SCAN = 256 * 1024;
function matchPatterns(mapped, into, options = {}) {
  const text = mapped.text;
  let safe;
  for (const { name, regex } of selectPatterns(text)) {
    regex.lastIndex = 0;
    for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
      if (match[0].length === 0) {
        regex.lastIndex += 1;
        continue;
      }
      const end = match.index + match[0].length;
      if (options.checkSafe) {
        safe ??= findSafePhraseSpans(text);
        if (safe.some(([s, e]) => s <= match.index && end <= e)) continue;
      }
      const [start, originalEnd] = toOriginalSpan(mapped, match.index, end);
      into.push({ name, start, end: originalEnd });
    }
  }
}
function detectPromptInjection(original) {
  const matches = [];
  const normalized = normalizeForScan(original);
  const restored = undoTypoglycemia(normalized.text);
  const mapped = restored === normalized.text ? normalized : { ...normalized, text: restored };
  matchPatterns(mapped, matches, { checkSafe: true });
  const collapsed = collapseCharacterSpacing(mapped);
  if (collapsed) {
    const before = matches.length;
    const collapsedMapped = { ...collapsed, text: undoTypoglycemia(collapsed.text) };
    matchPatterns(collapsedMapped, matches);
    RUN_TOGETHER.lastIndex = 0;
    for (let match = RUN_TOGETHER.exec(collapsedMapped.text); match !== null; match = RUN_TOGETHER.exec(collapsedMapped.text)) {
      const [start, end] = toOriginalSpan(collapsedMapped, match.index, match.index + match[0].length);
      matches.push({ name: "character-spacing", start, end });
    }
    dedupeFrom(matches, before);
  }
  for (const payload of decodeEmbeddedPayloads(original.length > MAX_DECODE_SCAN ? original.slice(0, MAX_DECODE_SCAN) : original)) {
    const inner = [];
    const decoded = normalizeForScan(payload.text);
    matchPatterns({ ...decoded, text: undoTypoglycemia(decoded.text) }, inner);
    for (const found of inner) matches.push({ name: `encoded-payload:${found.name}`, start: payload.start, end: payload.end });
  }
  return matches;
}
function dedupeFrom(matches, from) {
  const seen = new Set(matches.slice(0, from).map((m) => `${m.name}|${m.start}`));
  let write = from;
  for (let read = from; read < matches.length; read += 1) {
    const match = matches[read];
    const key = `${match.name}|${match.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    matches[write++] = match;
  }
  matches.length = write;
}
export {
  detectPromptInjection
};
//# sourceMappingURL=detect-prompt-injection.js.map
