import type { FilterAction, ScanScope } from '../stores/guardrail-store.js';

// The stored policy defines the vocabulary; re-exported for the matchers that use it.
export type { FilterAction, ScanScope };

/** Which family of filter made a finding; the 403 message describes each differently. */
export type FilterKind = 'dlp' | 'injection' | 'custom';

/** Ranks actions so the strictest wins when filters overlap. */
export const ACTION_RANK: Record<FilterAction, number> = { flag: 0, redact: 1, block: 2 };

/**
 * One match of one filter in one text: a half-open span of the scanned string, the name
 * reported to clients (a pattern name or a DLP slug, never the matched text), and the
 * placeholder that replaces the span when the action is `redact`.
 */
export interface TextFinding {
  start: number;
  end: number;
  /** e.g. `email`, `credit-card`, `ignore-previous-instructions`, a custom filter's label. */
  name: string;
  /** `[EMAIL]`, `[PROMPT_INJECTION]`, `[REDACTED]`, … */
  placeholder: string;
  action: FilterAction;
  kind: FilterKind;
}

/**
 * Replaces every redact-or-block finding's span with its placeholder. Overlapping spans
 * are merged (the earliest finding's placeholder names the merged span), so a card number
 * inside a matched secret becomes one placeholder, never a garbled mix.
 */
export function redactFindings(text: string, findings: readonly TextFinding[]): string {
  const spans = findings.filter((finding) => finding.action !== 'flag').sort((a, b) => a.start - b.start || b.end - a.end);
  if (spans.length === 0) return text;
  let out = '';
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
