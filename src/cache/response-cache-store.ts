/**
 * One cached response: what the client received, ready to replay. Stored per API key; the
 * store never sees who may read an entry beyond its key string.
 */
export interface CachedResponse {
  /** Generation id of the response that was cached; replays carry it as the source id. */
  sourceId: string;
  /** ms since epoch. */
  storedAt: number;
  ttlMs: number;
  model: string;
  providerName: string | null;
  finishReason: string | null;
  /** What the cached generation cost (picodollars, decimal string): what each replay saves. Absent in entries stored before it existed. */
  costPico?: string;
  /** Non-streamed: the JSON body. Streamed: every SSE payload sent, the usage chunk included, without `[DONE]`. */
  body: { kind: 'json'; text: string } | { kind: 'stream'; payloads: string[] };
}

/**
 * Where cached responses live: in-process now (memory-response-cache-store.ts), Redis when
 * several gateway nodes share the load. Async so a network store fits the same shape.
 */
export interface ResponseCacheStore {
  get(key: string, now: number): Promise<CachedResponse | undefined>;
  set(key: string, entry: CachedResponse): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Approximate size of an entry in bytes, for the store's byte budget. */
export function cachedResponseBytes(entry: CachedResponse): number {
  const body = entry.body.kind === 'json' ? entry.body.text.length : entry.body.payloads.reduce((sum, payload) => sum + payload.length + 16, 0);
  return 2 * (body + entry.model.length + entry.sourceId.length) + 128;
}
