import { hash, randomBytes } from 'node:crypto';

const PREFIX = 'sk-or-v1-';

/** A new plaintext key in OpenRouter's format, with its hash and masked label. */
export function mintApiKey(): { plaintext: string; hash: string; label: string } {
  const plaintext = `${PREFIX}${randomBytes(32).toString('hex')}`;
  return { plaintext, hash: hashApiKey(plaintext), label: maskApiKey(plaintext) };
}

/** SHA-256 hex: the only form in which keys are stored. One-shot `hash` (a quarter of createHash's cost): it runs on every request. */
export function hashApiKey(plaintext: string): string {
  return hash('sha256', plaintext, 'hex');
}

/** "sk-or-v1-abc...123", as OpenRouter shows keys after creation. */
export function maskApiKey(plaintext: string): string {
  return `${plaintext.slice(0, PREFIX.length + 3)}...${plaintext.slice(-3)}`;
}
