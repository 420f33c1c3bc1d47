import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';

// Benchmarks resend the same prompts and replies thousands of times; a bounded
// memo makes tokenizing nearly free without letting memory grow unbounded.
const MAX_ENTRIES = 4096;
const MAX_CACHED_LENGTH = 64 * 1024;
const memo = new Map<string, number>();
/**
 * Texts longer than WHOLE_CHARS are counted over their first EXACT_CHARS characters, in windows
 * of WINDOW characters, and scaled: BPE cost grows faster than linearly in the length of a run
 * without spaces, and the simulator must not stall the process it shares with a gateway under test.
 */
const WHOLE_CHARS = 4096;
const EXACT_CHARS = 32 * 1024;
const WINDOW = 256;

/**
 * Count o200k_base tokens of `text` (the gpt-4o / o-series encoding), memoized
 * for repeated strings.
 */
export function countTextTokens(text: string): number {
  if (text.length === 0) return 0;
  const hit = memo.get(text);
  if (hit !== undefined) return hit;
  const n = text.length <= WHOLE_CHARS ? countTokens(text) : countLong(text);
  if (text.length <= MAX_CACHED_LENGTH) {
    // Crude eviction (drop everything) is enough: the working set of a
    // benchmark is a handful of strings.
    if (memo.size >= MAX_ENTRIES) memo.clear();
    memo.set(text, n);
  }
  return n;
}

function countLong(text: string): number {
  const exact = Math.min(text.length, EXACT_CHARS);
  let tokens = 0;
  for (let start = 0; start < exact; start += WINDOW) tokens += countTokens(text.slice(start, Math.min(exact, start + WINDOW)));
  return Math.ceil((tokens * text.length) / exact);
}
