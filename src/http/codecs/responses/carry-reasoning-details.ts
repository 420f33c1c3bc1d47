/**
 * A reasoning item's `encrypted_content` as Switchyard issues it: the upstream's `reasoning_details`
 * (signatures, redacted or encrypted reasoning, Gemini thought signatures with their tool-call ids), so a
 * stateless client that passes the item back unchanged (Codex asks for `reasoning.encrypted_content` and does)
 * gives the upstream its reasoning back byte for byte. The prefix contains a `.`, which OpenAI's own encrypted
 * reasoning never does, so a value from elsewhere is kept as opaque encrypted reasoning.
 */
const PREFIX = 'switchyard.r1.';

/** Packs reasoning details that carry something an upstream needs back; undefined when there is nothing. */
export function packReasoningDetails(details: unknown[]): string | undefined {
  const kept = details.filter((detail) => {
    const entry = detail as { signature?: unknown; data?: unknown } | null;
    return entry !== null && typeof entry === 'object' && ((typeof entry.signature === 'string' && entry.signature !== '') || typeof entry.data === 'string');
  });
  if (kept.length === 0) return undefined;
  return PREFIX + Buffer.from(JSON.stringify(kept)).toString('base64url');
}

/** The inverse of {@link packReasoningDetails}; anything else is one opaque encrypted reasoning detail. */
export function unpackReasoningDetails(encrypted: string): unknown[] {
  if (encrypted.startsWith(PREFIX)) {
    try {
      const details = JSON.parse(Buffer.from(encrypted.slice(PREFIX.length), 'base64url').toString('utf8')) as unknown;
      if (Array.isArray(details)) return details;
    } catch {
      // Not ours after all: kept opaque below.
    }
  }
  return [{ type: 'reasoning.encrypted', data: encrypted, format: 'openai-responses-v1' }];
}
