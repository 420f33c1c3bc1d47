import type { CachedResponse } from './response-cache-store.js';

/**
 * Turns a cached response into what a hit sends: the new generation id everywhere the source
 * id was, a fresh `created`, billable usage zeroed (a hit is free) and no router metadata.
 * Works on any inbound dialect's bodies: it only knows `id`, `created` and `usage`.
 */
export function replayCachedResponse(entry: CachedResponse, options: { generationId: string; now: number }): CachedResponse['body'] {
  const swap = (text: string) => text.split(entry.sourceId).join(options.generationId);
  if (entry.body.kind === 'json') {
    const body = JSON.parse(swap(entry.body.text)) as Record<string, unknown>;
    return { kind: 'json', text: JSON.stringify(freshen(body, options.now)) };
  }
  const payloads = entry.body.payloads.map((payload) => {
    const swapped = swap(payload);
    if (!swapped.includes('"usage"') && !swapped.includes('"openrouter_metadata"')) return swapped;
    return JSON.stringify(freshen(JSON.parse(swapped) as Record<string, unknown>, options.now));
  });
  return { kind: 'stream', payloads };
}

function freshen(body: Record<string, unknown>, now: number): Record<string, unknown> {
  if (typeof body.created === 'number') body.created = Math.floor(now / 1000);
  delete body.openrouter_metadata;
  zeroUsage(body, 0);
  return body;
}

/** Zeroes every number under any `usage` object, a level or two deep (Anthropic nests it in `message`). */
function zeroUsage(value: unknown, depth: number): void {
  if (depth > 2 || value === null || typeof value !== 'object') return;
  for (const [field, child] of Object.entries(value as Record<string, unknown>)) {
    if (field === 'usage' && child !== null && typeof child === 'object') zeroNumbers(child as Record<string, unknown>);
    else zeroUsage(child, depth + 1);
  }
}

function zeroNumbers(object: Record<string, unknown>): void {
  for (const [field, child] of Object.entries(object)) {
    if (typeof child === 'number') object[field] = 0;
    else if (child !== null && typeof child === 'object') zeroNumbers(child as Record<string, unknown>);
  }
}
