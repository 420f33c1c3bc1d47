/**
 * Nearest-rank percentile of an ascending-sorted array (`p` in 0..100);
 * NaN when empty. No interpolation: every figure reported is one that was
 * actually observed.
 */
export function pickPercentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}
