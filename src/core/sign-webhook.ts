import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The `X-Switchyard-Signature` header of a webhook (alerts, generation export): `t=<unix seconds>,
 * v1=<hex HMAC-SHA256 of "<t>.<body>" under the webhook's secret>`. The timestamp is signed too, so
 * a receiver can refuse replays older than a few minutes.
 */
export function signWebhook(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/** What a receiver does: recompute and compare in constant time. */
export function verifyWebhook(secret: string, body: string, header: string): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!match) return false;
  const expected = Buffer.from(signWebhook(secret, body, Number(match[1])));
  const actual = Buffer.from(header);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
