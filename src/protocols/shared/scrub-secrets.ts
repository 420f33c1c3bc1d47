/**
 * Things that look like credentials in provider error text: API keys of the OpenAI-style
 * families (`sk-…`, `gsk_…`, `xai-…`), Google API keys (`AIza…`) and AWS access key ids
 * (`AKIA…`/`ASIA…`). One list for every protocol, since any upstream may echo any of them.
 */
const SECRET_LIKE = /\b(?:(?:sk|pk|rk|key|gsk|xai)[-_][A-Za-z0-9*._-]{6,}|AIza[A-Za-z0-9_-]{20,}|(?:AKIA|ASIA)[A-Z0-9]{12,}\b)/g;

/** Provider error text sometimes echoes (part of) the gateway's key; never pass that on. */
export function scrubSecretText(text: string): string {
  return text.replace(SECRET_LIKE, '[REDACTED_KEY]');
}

/**
 * Same as {@link scrubSecretText} for a parsed error body (or its text): the value comes back
 * unchanged, same reference, when nothing matched, so clean bodies cost one scan.
 */
export function scrubSecrets(raw: unknown): unknown {
  if (raw === undefined) return undefined;
  const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
  if (text.search(SECRET_LIKE) < 0) return raw;
  const scrubbed = scrubSecretText(text);
  return typeof raw === 'string' ? scrubbed : JSON.parse(scrubbed);
}
