import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';

// Benchmarks resend the same prompts and replies thousands of times; a bounded
// memo makes tokenizing nearly free without letting memory grow unbounded.
const MAX_ENTRIES = 4096;
const MAX_CACHED_LENGTH = 64 * 1024;
const memo = new Map<string, number>();

/**
 * Count o200k_base tokens of `text` (the gpt-4o / o-series encoding), memoized
 * for repeated strings.
 */
export function countTextTokens(text: string): number {
  if (text.length === 0) return 0;
  const hit = memo.get(text);
  if (hit !== undefined) return hit;
  const n = countTokens(text);
  if (text.length <= MAX_CACHED_LENGTH) {
    // Crude eviction (drop everything) is enough: the working set of a
    // benchmark is a handful of strings.
    if (memo.size >= MAX_ENTRIES) memo.clear();
    memo.set(text, n);
  }
  return n;
}
