/**
 * Resolves a secret reference: `env:NAME` reads the environment, anything else is literal.
 * Returns undefined when the referenced variable is unset or empty.
 */
export function resolveSecret(value: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (value === undefined) return undefined;
  if (value.startsWith('env:')) {
    const resolved = env[value.slice(4)];
    return resolved === undefined || resolved === '' ? undefined : resolved;
  }
  return value;
}
