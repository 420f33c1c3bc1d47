import { ECHO_KEY_MODES, type SimFault } from './sim-fault.js';

/** Result of {@link parseSimDirectives}. */
export interface ParsedDirectives {
  /** Directives found (empty object when none). */
  fault: SimFault;
  /** The text with every `[[sim:…]]` block removed and trimmed. */
  text: string;
}

const DIRECTIVE_BLOCK = /\[\[sim:([^\]]*)\]\]/g;
const NUMERIC_KEYS = new Set([
  'status',
  'retry_after',
  'delay',
  'stall_after',
  'cut_after',
  'error_after',
  'cached',
  'reasoning',
  'words',
  'chunk_delay',
]);
const FLAG_KEYS = new Set(['no_usage', 'context', 'malformed', 'reset', 'content_filter', 'batch_expire', 'batch_fail']);

/**
 * Pull `[[sim:KEY=VALUE KEY=VALUE]]` blocks out of a prompt. Faults have to
 * ride inside the message text because a gateway forwards the body but not
 * our test's intent; unknown keys are ignored so a typo never breaks a reply.
 */
export function parseSimDirectives(input: string): ParsedDirectives {
  // Fast path: almost every benchmark request carries no directive.
  if (!input.includes('[[sim:')) return { fault: {}, text: input.trim() };
  const fault: SimFault = {};
  const text = input.replace(DIRECTIVE_BLOCK, (_match, inner: string) => {
    for (const pair of inner.trim().split(/[\s,]+/)) {
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      applyDirective(fault, pair.slice(0, eq).toLowerCase(), pair.slice(eq + 1));
    }
    return '';
  });
  return { fault, text: text.replace(/\s{2,}/g, ' ').trim() };
}

/** Copy one KEY=VALUE into the fault, coercing by key. */
function applyDirective(fault: SimFault, key: string, value: string): void {
  const target = fault as Record<string, unknown>;
  if (NUMERIC_KEYS.has(key)) {
    const n = Number(value);
    if (Number.isFinite(n) && n >= 0) target[key] = Math.floor(n);
  } else if (FLAG_KEYS.has(key)) {
    target[key] = value !== '0' && value !== 'false';
  } else if (key === 'tools') {
    if (value === 'parallel') fault.tools = 'parallel';
  } else if (key === 'echo_key') {
    if ((ECHO_KEY_MODES as readonly string[]).includes(value)) fault.echo_key = value as SimFault['echo_key'];
  } else if (key === 'finish') {
    fault.finish = value;
  }
}
