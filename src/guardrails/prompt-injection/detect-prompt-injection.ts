import { decodeEmbeddedPayloads } from './decode-embedded-payloads.js';
import { selectPatterns } from './injection-patterns.js';
import { collapseCharacterSpacing, normalizeForScan, toOriginalSpan, type MappedText } from './normalize-for-scan.js';
import { findSafePhraseSpans } from './safe-phrases.js';
import { undoTypoglycemia } from './undo-typoglycemia.js';

/** One detected injection: the pattern's name and its span in the original text. */
export interface InjectionMatch {
  name: string;
  start: number;
  end: number;
}

/** Words run together after `i g n o r e a l l …` loses its spaces. */
const RUN_TOGETHER = /(?:ignore|disregard|forget|bypass|override)(?:all|the|your|any|my|of|previous|prior|above|earlier|system|safety)*(?:instructions?|rules|prompts?|guidelines|restrictions|filters)/g;
/** Texts longer than this are scanned in full for patterns but not for encoded payloads beyond it. */
const MAX_DECODE_SCAN = 256 * 1024;

function matchPatterns(mapped: MappedText, into: InjectionMatch[], options: { checkSafe?: boolean } = {}): void {
  const text = mapped.text;
  let safe: Array<[number, number]> | undefined;
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
        if (safe.some(([s, e]) => s <= match!.index && end <= e)) continue;
      }
      const [start, originalEnd] = toOriginalSpan(mapped, match.index, end);
      into.push({ name, start, end: originalEnd });
    }
  }
}

/**
 * Finds prompt-injection attempts in one text. The text is normalised (case, NFKC,
 * accents, zero-width characters, look-alike letters, typoglycemia) and matched against
 * every pattern; then letter-spaced runs are collapsed and matched again, and base64 or
 * hex payloads that decode to readable text are matched as `encoded-payload:<pattern>`.
 * Spans refer to the original text, for redaction.
 */
export function detectPromptInjection(original: string): InjectionMatch[] {
  const matches: InjectionMatch[] = [];
  const normalized = normalizeForScan(original);
  const restored = undoTypoglycemia(normalized.text);
  const mapped: MappedText = restored === normalized.text ? normalized : { ...normalized, text: restored };
  matchPatterns(mapped, matches, { checkSafe: true });

  const collapsed = collapseCharacterSpacing(mapped);
  if (collapsed) {
    const before = matches.length;
    const collapsedMapped = { ...collapsed, text: undoTypoglycemia(collapsed.text) };
    matchPatterns(collapsedMapped, matches);
    RUN_TOGETHER.lastIndex = 0;
    for (let match = RUN_TOGETHER.exec(collapsedMapped.text); match !== null; match = RUN_TOGETHER.exec(collapsedMapped.text)) {
      const [start, end] = toOriginalSpan(collapsedMapped, match.index, match.index + match[0].length);
      matches.push({ name: 'character-spacing', start, end });
    }
    // A pattern found again at the same place is not a second detection.
    dedupeFrom(matches, before);
  }

  for (const payload of decodeEmbeddedPayloads(original.length > MAX_DECODE_SCAN ? original.slice(0, MAX_DECODE_SCAN) : original)) {
    const inner: InjectionMatch[] = [];
    const decoded = normalizeForScan(payload.text);
    matchPatterns({ ...decoded, text: undoTypoglycemia(decoded.text) }, inner);
    for (const found of inner) matches.push({ name: `encoded-payload:${found.name}`, start: payload.start, end: payload.end });
  }
  return matches;
}

function dedupeFrom(matches: InjectionMatch[], from: number): void {
  const seen = new Set(matches.slice(0, from).map((m) => `${m.name}|${m.start}`));
  let write = from;
  for (let read = from; read < matches.length; read += 1) {
    const match = matches[read] as InjectionMatch;
    const key = `${match.name}|${match.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    matches[write++] = match;
  }
  matches.length = write;
}
