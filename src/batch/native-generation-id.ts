import { createHash } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * The generation id of a natively batched line, in OpenRouter's layout (`gen-<unix seconds>-<20
 * base62>`), derived from the batch, the preparation round and the line: whichever node drives the
 * batch next knows it without a lookup, so it can free a hold a dead node left, and settle a result
 * exactly once (the ledger is idempotent by generation id).
 */
export function nativeGenerationId(batch: { id: string; createdAt: number }, round: number, index: number): string {
  const digest = createHash('sha256').update(`${batch.id}:${round}:${index}`).digest();
  let suffix = '';
  for (let i = 0; i < 20; i += 1) suffix += ALPHABET[(digest[i] as number) % ALPHABET.length];
  return `gen-${Math.floor(batch.createdAt / 1000)}-${suffix}`;
}
