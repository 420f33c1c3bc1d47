/**
 * Whether a generation is in the export sample: FNV-1a (32-bit) of its id mapped to [0, 1) and
 * compared with the rate, so the same generation is always in or always out (retries, replays,
 * several nodes agree) and the share of ids in the sample approaches the rate.
 */
export function isGenerationSampled(generationId: string, rate: number): boolean {
  if (rate >= 1) return true;
  if (rate <= 0) return false;
  let hash = 0x811c9dc5;
  for (let index = 0; index < generationId.length; index += 1) {
    hash ^= generationId.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 0x1_0000_0000 < rate;
}
