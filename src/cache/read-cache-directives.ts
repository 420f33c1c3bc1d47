/** What the request's `X-OpenRouter-Cache*` headers ask for. */
export interface CacheDirectives {
  ttlSeconds: number;
  /** `X-OpenRouter-Cache-Clear: true`: drop the entry and store a fresh response. */
  clear: boolean;
}

export const DEFAULT_CACHE_TTL_SECONDS = 300;
const MAX_TTL_SECONDS = 86_400;

type Headers = Record<string, string | string[] | undefined>;

/**
 * Reads OpenRouter's response-cache headers. Caching is off unless `X-OpenRouter-Cache: true`.
 * The TTL takes the header's leading digits (decimals truncated), clamped to 1–86400 s;
 * anything non-numeric falls back to the 300 s default.
 * @see https://openrouter.ai/docs/features/response-caching
 */
export function readCacheDirectives(headers: Headers): CacheDirectives | undefined {
  if (headerValue(headers['x-openrouter-cache'])?.trim().toLowerCase() !== 'true') return undefined;
  const digits = /^\s*(\d+)/.exec(headerValue(headers['x-openrouter-cache-ttl']) ?? '');
  const ttlSeconds = digits ? Math.min(MAX_TTL_SECONDS, Math.max(1, Number(digits[1]))) : DEFAULT_CACHE_TTL_SECONDS;
  const clear = headerValue(headers['x-openrouter-cache-clear'])?.trim().toLowerCase() === 'true';
  return { ttlSeconds, clear };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
