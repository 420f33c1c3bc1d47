import { z } from 'zod';

const percent = z.number().gt(0).max(1000);

/**
 * The alert rule a management key creates, by type:
 * - `budget`: a key's spend against its limit in the limit's window (every capped key of the
 *   workspace, or `key_hash`), and the workspace's credit balance when credits are in use; fires when
 *   usage passes each threshold, once per threshold per window.
 * - `spend_spike`: the workspace's spend in the last `window_minutes` is at least `factor` × its
 *   average over the `baseline_windows` windows before, and at least `min_usd`.
 * - `error_rate`: at least `threshold_percent` of the workspace's requests in a `window_minutes`
 *   window failed with a 5xx (at least `min_requests` requests).
 * - `provider_outage`: an endpoint's circuit breaker opened (optionally only for `providers`).
 */
export const alertRuleInput = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('budget'),
    key_hash: z.string().min(1).max(200).optional(),
    thresholds_percent: z.array(percent).min(1).max(10).default([50, 80, 100]),
  }),
  z.strictObject({
    type: z.literal('spend_spike'),
    factor: z.number().min(1).max(1000).default(3),
    min_usd: z.number().nonnegative().default(1),
    window_minutes: z.number().int().min(1).max(1440).default(60),
    baseline_windows: z.number().int().min(1).max(168).default(24),
  }),
  z.strictObject({
    type: z.literal('error_rate'),
    threshold_percent: percent.max(100).default(20),
    window_minutes: z.number().int().min(1).max(1440).default(5),
    min_requests: z.number().int().min(1).max(1_000_000).default(20),
  }),
  z.strictObject({
    type: z.literal('provider_outage'),
    providers: z.array(z.string().min(1).max(100)).max(100).optional(),
  }),
]);

export type AlertRuleParams = z.infer<typeof alertRuleInput>;

/** The request body of `POST /api/v1/alerts/rules`. */
export const createAlertRuleBody = z.strictObject({
  name: z.string().min(1).max(200),
  webhook_url: z.url({ protocol: /^https?$/, message: 'webhook_url must be an http(s) URL' }).nullable().optional(),
  rule: alertRuleInput,
});

/** The request body of `PATCH /api/v1/alerts/rules/{id}`: the fields to change (a new `rule` replaces the old one whole). */
export const updateAlertRuleBody = z
  .strictObject({
    name: z.string().min(1).max(200).optional(),
    webhook_url: z.url({ protocol: /^https?$/, message: 'webhook_url must be an http(s) URL' }).nullable().optional(),
    rule: alertRuleInput.optional(),
  })
  .refine((body) => body.name !== undefined || body.webhook_url !== undefined || body.rule !== undefined, 'Nothing to change: give name, webhook_url or rule');
