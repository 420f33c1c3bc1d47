import { readFileSync } from 'node:fs';
import { registerSecret } from '../core/secret-registry.js';
import { ConfigError } from './config-error.js';

/**
 * Resolves a secret reference: `env:NAME` reads the environment, `file:PATH` reads a file
 * (Docker and Kubernetes secrets; surrounding whitespace and the trailing newline trimmed),
 * anything else is literal. Returns undefined when the referenced variable is unset or empty.
 * A file that cannot be read, or is empty, is a {@link ConfigError} naming the path (never
 * the content). Read once here, at start; `SecretFileWatcher` follows later changes.
 */
export function resolveSecret(value: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (value === undefined) return undefined;
  if (value.startsWith('env:')) {
    const resolved = env[value.slice(4)];
    return resolved === undefined || resolved === '' ? undefined : resolved;
  }
  const path = secretFilePath(value);
  if (path !== undefined) return readSecretFileAtStart(path);
  return value;
}

/** The path of a `file:PATH` reference, or undefined for any other value. */
export function secretFilePath(value: string | undefined): string | undefined {
  return value?.startsWith('file:') ? value.slice(5) : undefined;
}

/** A secret file's value: its text with surrounding whitespace trimmed; '' when it holds nothing else. */
export function parseSecretFile(text: string): string {
  return text.trim();
}

function readSecretFileAtStart(path: string): string {
  if (path === '') throw new ConfigError('A secret reference "file:" names no file; write file:/path/to/secret');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(`Cannot read secret file ${path}${code ? ` (${code})` : ''}: it must exist and be readable by the gateway's user`);
  }
  const secret = parseSecretFile(text);
  if (secret === '') throw new ConfigError(`Secret file ${path} is empty`);
  registerSecret(secret);
  return secret;
}
