import { ANTHROPIC_REASONING_FORMAT } from './anthropic-reasoning-format.js';

/**
 * Marks a signature or redacted-thinking payload that did not come from Claude. Real Anthropic
 * payloads are base64 and never contain a `.`, so the prefix cannot collide with one.
 */
const PREFIX = 'switchyard.v1.';

/** The parts of a `reasoning_details` entry that must survive a round trip through a client. */
export interface CarriedReasoning {
  format: string;
  /** The signature (reasoning.text) or the opaque data (reasoning.encrypted). */
  value: string;
  /** Binds a Gemini thought signature to its tool call. */
  id?: string;
}

/**
 * Anthropic blocks have nowhere to put another vendor's reasoning format or the tool call a
 * signature belongs to (Gemini thought signatures), so those ride inside the signature or
 * `redacted_thinking.data` string: Claude's own stay byte-for-byte as they came, others are
 * wrapped with their format and id. Clients send the string back untouched, as they must.
 */
export function wrapReasoningValue(carried: CarriedReasoning): string {
  if (carried.format === ANTHROPIC_REASONING_FORMAT && carried.id === undefined) return carried.value;
  const payload: Record<string, string> = { f: carried.format, v: carried.value };
  if (carried.id !== undefined) payload.i = carried.id;
  return PREFIX + Buffer.from(JSON.stringify(payload)).toString('base64url');
}

/** The inverse of {@link wrapReasoningValue}; a plain value is Claude's own. */
export function unwrapReasoningValue(text: string): CarriedReasoning {
  if (!text.startsWith(PREFIX)) return { format: ANTHROPIC_REASONING_FORMAT, value: text };
  try {
    const payload = JSON.parse(Buffer.from(text.slice(PREFIX.length), 'base64url').toString('utf8')) as { f?: unknown; v?: unknown; i?: unknown };
    if (typeof payload.f === 'string' && typeof payload.v === 'string') {
      return { format: payload.f, value: payload.v, ...(typeof payload.i === 'string' ? { id: payload.i } : {}) };
    }
  } catch {
    // Not ours after all: keep it as an opaque Claude value.
  }
  return { format: ANTHROPIC_REASONING_FORMAT, value: text };
}

interface DetailLike {
  type?: unknown;
  text?: unknown;
  summary?: unknown;
  signature?: unknown;
  data?: unknown;
  format?: unknown;
  id?: unknown;
}

/** One OpenRouter `reasoning_details` entry as an Anthropic content block (thinking or redacted_thinking). */
export function toAnthropicReasoningBlock(raw: unknown): Record<string, unknown> | undefined {
  const detail = (raw ?? {}) as DetailLike;
  const format = typeof detail.format === 'string' ? detail.format : ANTHROPIC_REASONING_FORMAT;
  const id = typeof detail.id === 'string' ? detail.id : undefined;
  if (detail.type === 'reasoning.text') {
    const signature = typeof detail.signature === 'string' && detail.signature !== '' ? wrapReasoningValue({ format, value: detail.signature, ...(id ? { id } : {}) }) : '';
    return { type: 'thinking', thinking: typeof detail.text === 'string' ? detail.text : '', signature };
  }
  if (detail.type === 'reasoning.encrypted' && typeof detail.data === 'string') {
    return { type: 'redacted_thinking', data: wrapReasoningValue({ format, value: detail.data, ...(id ? { id } : {}) }) };
  }
  if (detail.type === 'reasoning.summary' && typeof detail.summary === 'string') return { type: 'thinking', thinking: detail.summary, signature: '' };
  return undefined;
}
