import { randomUUID } from 'node:crypto';
import type { AlertDeliveryRecord, AlertEventRecord, AlertRuleRecord } from '../stores/alert-store.js';
import { signWebhook } from '../core/sign-webhook.js';

export interface WebhookDeliveryOptions {
  secret: string;
  timeoutMs: number;
  /** Delays before each retry (ms); the number of attempts is one more than its length. */
  retryDelaysMs: readonly number[];
  record: (delivery: AlertDeliveryRecord) => Promise<void>;
  /** Resolves when the gateway stops, to abandon pending retries. */
  stopped: AbortSignal;
}

/** The JSON body of an alert webhook. */
export function alertWebhookBody(rule: AlertRuleRecord, event: AlertEventRecord): string {
  return JSON.stringify({
    id: event.id,
    type: 'alert.fired',
    created_at: new Date(event.firedAt).toISOString(),
    alert: { rule_id: rule.id, rule_name: rule.name, type: event.type, workspace_id: event.workspaceId, summary: event.summary, details: event.details },
  });
}

/**
 * POSTs a fired alert to its rule's webhook, signed, retrying with backoff on a network error or a
 * non-2xx answer (a 4xx other than 408/429 is final: the receiver refused it). Every attempt is
 * recorded in the delivery log. Runs in the background; never throws.
 */
export async function deliverAlertWebhook(rule: AlertRuleRecord, event: AlertEventRecord, options: WebhookDeliveryOptions): Promise<void> {
  const url = rule.webhookUrl;
  if (!url) return;
  const body = alertWebhookBody(rule, event);
  const attempts = options.retryDelaysMs.length + 1;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    if (options.stopped.aborted) return;
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Switchyard-Alerts/1',
          'x-switchyard-event-id': event.id,
          'x-switchyard-signature': signWebhook(options.secret, body, Math.floor(Date.now() / 1000)),
        },
        body,
        signal: AbortSignal.any([AbortSignal.timeout(options.timeoutMs), options.stopped]),
        redirect: 'manual',
      });
      status = response.status;
      await response.body?.cancel();
    } catch (caught) {
      error = caught instanceof Error ? caught.name === 'TimeoutError' ? `no answer within ${options.timeoutMs} ms` : caught.message : String(caught);
    }
    const delivered = status !== null && status >= 200 && status < 300;
    await options
      .record({ id: randomUUID(), eventId: event.id, workspaceId: event.workspaceId, url, attempt, at: Date.now(), status, error, delivered })
      .catch(() => undefined);
    const final = delivered || (status !== null && status >= 400 && status < 500 && status !== 408 && status !== 429);
    if (final || attempt === attempts) return;
    await sleep(options.retryDelaysMs[attempt - 1] ?? 0, options.stopped);
  }
}

function sleep(ms: number, stopped: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    stopped.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
