/**
 * Every secret the gateway holds, for exact-match scrubbing: configured provider keys, AWS
 * credentials, cloud OAuth tokens, BYOK keys once decrypted, the admin and master keys. They are
 * registered where they are loaded or first used (each credential header of an upstream call is
 * registered as it is sent), and one scrubber, {@link scrubSecretText}, replaces them — and
 * anything shaped like a known credential family — on every path that carries upstream text to a
 * client, a log line or a stored record. Process-wide on purpose: a secret learnt anywhere must
 * be hidden everywhere, and the protocols that build error bodies have no services injected.
 */

/** What a scrubbed secret becomes. */
export const REDACTED = '[REDACTED_KEY]';

/** Shorter values are never treated as secrets (they would redact ordinary words). */
const MIN_SECRET_LENGTH = 8;

/**
 * Shapes of credentials whatever their value: OpenAI-style families (`sk-…` incl. `sk-proj-` and
 * `sk-ant-`, `gsk_…`, `xai-…`), Google API keys (`AIza…`) and OAuth access tokens (`ya29.…`),
 * AWS access key ids (`AKIA…`/`ASIA…`) and 40-character AWS secret access keys (mixed case and
 * digits, so hex digests and words are left alone).
 */
const KNOWN_SHAPES =
  /\b(?:(?:sk|pk|rk|key|gsk|xai)[-_][A-Za-z0-9*._-]{6,}|AIza[A-Za-z0-9_-]{20,}|ya29\.[A-Za-z0-9._-]{8,}|(?:AKIA|ASIA)[A-Z0-9]{12,}\b)/g;
const AWS_SECRET_SHAPE = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;

const secrets = new Set<string>();
let exact: RegExp | undefined;

/** Registers a secret (and, for `Bearer x` / `Basic x` header values, the credential after the scheme). */
export function registerSecret(value: string | undefined | null): void {
  if (typeof value !== 'string') return;
  const trimmed = value.trim();
  const scheme = /^(?:Bearer|Basic|Token)\s+(\S+)$/i.exec(trimmed);
  for (const candidate of scheme ? [trimmed, scheme[1]!] : [trimmed]) {
    if (candidate.length < MIN_SECRET_LENGTH || secrets.has(candidate)) continue;
    secrets.add(candidate);
    exact = undefined;
  }
}

/** Forgets a secret (a deleted BYOK key); tests use it too. */
export function forgetSecret(value: string): void {
  if (secrets.delete(value.trim())) exact = undefined;
}

/** How many secrets are registered (for tests and diagnostics; never the values). */
export function registeredSecretCount(): number {
  return secrets.size;
}

function exactPattern(): RegExp | undefined {
  if (secrets.size === 0) return undefined;
  // Longest first, so a key that contains another is replaced whole.
  exact ??= new RegExp(
    [...secrets]
      .sort((a, b) => b.length - a.length)
      .map((secret) => secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|'),
    'g',
  );
  return exact;
}

function isAwsSecretShape(match: string): boolean {
  return /[A-Z]/.test(match) && /[a-z]/.test(match) && /[0-9]/.test(match);
}

/** The text with every registered secret and every known credential shape replaced by {@link REDACTED}. */
export function scrubSecretText(text: string): string {
  const registered = exactPattern();
  const withoutExact = registered ? text.replace(registered, REDACTED) : text;
  return withoutExact.replace(KNOWN_SHAPES, REDACTED).replace(AWS_SECRET_SHAPE, (match) => (isAwsSecretShape(match) ? REDACTED : match));
}

/**
 * Same as {@link scrubSecretText} for a parsed body (or its text): the value comes back unchanged,
 * same reference, when nothing matched, so clean bodies cost one scan.
 */
export function scrubSecrets<T>(raw: T): T {
  if (raw === undefined || raw === null) return raw;
  const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
  if (text === undefined) return raw;
  const scrubbed = scrubSecretText(text);
  if (scrubbed === text) return raw;
  return (typeof raw === 'string' ? scrubbed : JSON.parse(scrubbed)) as T;
}
