/** Token shapes a credential library might echo in an error: JWTs, Google access tokens, AWS key ids. */
const TOKEN_LIKE = /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+\.?[A-Za-z0-9_-]*|\bya29\.[A-Za-z0-9_.-]+|\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b/g;
const MAX_LENGTH = 300;

/**
 * A credential library's failure as one short line for errors and /readyz: its code (when it
 * has one) and the first line of its message, token-like strings redacted.
 */
export function describeCredentialError(error: unknown): string {
  const { name, code, message } = (error ?? {}) as { name?: unknown; code?: unknown; message?: unknown };
  const text = typeof message === 'string' && message ? message.split('\n')[0]!.trim() : String(error);
  const label = typeof code === 'string' && code && !text.includes(code) ? `${code}: ` : typeof name === 'string' && name && name !== 'Error' && !text.includes(name) ? `${name}: ` : '';
  const line = `${label}${text}`.replace(TOKEN_LIKE, '[REDACTED]');
  return line.length > MAX_LENGTH ? `${line.slice(0, MAX_LENGTH - 1)}…` : line;
}
