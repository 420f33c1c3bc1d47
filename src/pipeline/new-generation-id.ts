import { randomBytes } from 'node:crypto';

/** Base62 in ASCII order, so that ids compare bytewise (as SQLite compares TEXT keys) in the order they were made. */
const ORDERED = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const RANDOM_CHARS = 18;
const POOL_SIZE = RANDOM_CHARS * 256;
let pool = randomBytes(POOL_SIZE);
let offset = 0;

/**
 * "gen-<unix seconds>-<20 base62 chars>", OpenRouter's id layout. The first two characters of
 * the suffix are the millisecond within the second, so ids made later sort later: a new row's
 * id lands at the end of the generations and ledger_entries primary-key B-trees instead of on a
 * random page of the current second's rows (with 8 settlements per commit, those were 8 pages
 * written instead of one or two). The other 18 characters are random (107 bits), drawn from a
 * pool refilled every 256 ids: one CSPRNG call instead of one per request.
 */
export function newGenerationId(nowMs = Date.now()): string {
  if (offset + RANDOM_CHARS > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE);
    offset = 0;
  }
  const millisecond = nowMs % 1000;
  let suffix = ORDERED[Math.floor(millisecond / 62)]! + ORDERED[millisecond % 62]!;
  for (let i = offset; i < offset + RANDOM_CHARS; i += 1) suffix += ORDERED[(pool[i] as number) % ORDERED.length];
  offset += RANDOM_CHARS;
  return `gen-${Math.floor(nowMs / 1000)}-${suffix}`;
}
