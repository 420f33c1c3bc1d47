/**
 * A provider key as listings show it: a few leading characters (the vendor prefix, e.g. "sk-")
 * and the last four, never enough to use it. Short keys show only their last two characters.
 */
export function maskProviderKey(key: string): string {
  if (key.length < 12) return `...${key.slice(-2)}`;
  return `${key.slice(0, Math.min(4, Math.floor(key.length / 5)))}...${key.slice(-4)}`;
}
