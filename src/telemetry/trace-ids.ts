import { randomBytes } from 'node:crypto';

/**
 * W3C trace and span ids (random, never all zero). Generated here rather than with the OTel SDK's
 * generator so the request path does not load the SDK when no collector is configured.
 */
export function newTraceId(): string {
  return nonZeroHex(16);
}

export function newSpanId(): string {
  return nonZeroHex(8);
}

function nonZeroHex(bytes: number): string {
  for (;;) {
    const id = randomBytes(bytes).toString('hex');
    if (!/^0+$/.test(id)) return id;
  }
}
