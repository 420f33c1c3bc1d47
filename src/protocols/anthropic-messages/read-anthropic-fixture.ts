import { readFileSync } from 'node:fs';
import type { SseEvent } from '../../core/sse-event.js';

const DIR = new URL('./__fixtures__/', import.meta.url);

/** A recorded-shape fixture as text (unit tests only). */
export function readAnthropicFixture(name: string): string {
  return readFileSync(new URL(name, DIR), 'utf8');
}

/** A `*.chunks.txt` fixture (one event JSON per line) as the SSE events Anthropic sends. */
export function readAnthropicChunks(name: string): SseEvent[] {
  return readAnthropicFixture(name)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((data) => ({ event: (JSON.parse(data) as { type: string }).type, data }));
}
