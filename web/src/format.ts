/** Display helpers for money, counts and times. */

export function usd(value: number | null | undefined, digits?: number): string {
  if (value === null || value === undefined) return '—';
  const size = Math.abs(value);
  // Small amounts keep their significant digits: a request often costs a fraction of a cent.
  const places = digits ?? (size === 0 || size >= 1 ? 2 : size >= 0.01 ? 4 : 6);
  return `$${value.toLocaleString('en-US', { minimumFractionDigits: size === 0 ? 2 : Math.min(places, 2), maximumFractionDigits: places })}`;
}

export function count(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (Math.abs(value) >= 1_000_000) return `${(value / 1_000_000).toFixed(1)}M`;
  if (Math.abs(value) >= 10_000) return `${(value / 1000).toFixed(1)}k`;
  return value.toLocaleString('en-US');
}

export function percent(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return `${(value * 100).toFixed(value < 0.1 ? 1 : 0)}%`;
}

export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return date.toLocaleString('en-GB', { year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'UTC' }) + ' UTC';
}

export function shortHash(hash: string | null | undefined): string {
  return hash ? `${hash.slice(0, 8)}…` : '—';
}
