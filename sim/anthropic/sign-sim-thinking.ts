import { createHash } from 'node:crypto';

/**
 * The simulator's thinking signature: a digest of the thinking text, so a replayed block
 * whose text or signature was altered (or dropped) is caught the way Anthropic catches it.
 */
export function signSimThinking(thinking: string): string {
  return `Es${createHash('sha256').update(`sim-thinking:${thinking}`).digest('base64')}`;
}
