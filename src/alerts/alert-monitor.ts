import { randomUUID } from 'node:crypto';
import type { EndpointHealth } from '../routing/health/endpoint-health.js';
import type { AlertEventRecord, AlertRuleRecord, AlertStore } from '../stores/alert-store.js';
import type { KeyStore } from '../stores/key-store.js';
import type { Ledger } from '../stores/ledger.js';
import { alertRuleInput, type AlertRuleParams } from './alert-rule-schema.js';
import { deliverAlertWebhook } from './deliver-alert-webhook.js';
import { findBudgetCrossings, findErrorRate, findSpendSpike, type AlertCandidate } from './find-alert-crossings.js';
import { TrafficWindow } from './traffic-window.js';

export interface AlertMonitorOptions {
  store: AlertStore;
  keys: KeyStore;
  ledger: Ledger;
  health: EndpointHealth;
  /** The webhook signing secret of a rule (derived from the master key, never stored). */
  secretFor: (ruleId: string) => string;
  intervalMs: number;
  webhookTimeoutMs: number;
  retryDelaysMs: readonly number[];
  log: { info(fields: object, message: string): void; warn(fields: object, message: string): void };
  now?: () => number;
}

const OUTAGE_BUCKET_MS = 10 * 60_000;

/**
 * Evaluates every alert rule on a timer, off the request path: budgets from the ledger (exact
 * across nodes), spend spikes and error rates from this node's traffic window, outages from endpoint
 * health. A crossing becomes an event only if the store has not seen its fingerprint — so it fires
 * once, on one node — and is then delivered to the rule's webhook in the background.
 */
export class AlertMonitor {
  readonly traffic: TrafficWindow;
  readonly #options: AlertMonitorOptions;
  readonly #now: () => number;
  readonly #stopped = new AbortController();
  readonly #deliveries = new Set<Promise<void>>();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  /** Endpoints whose breaker was open at the last evaluation (an outage fires on the transition). */
  #openBefore = new Set<string>();

  constructor(options: AlertMonitorOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    // Enough for a spike baseline of 24 windows of an hour, plus the current one.
    this.traffic = new TrafficWindow({ retainMinutes: 26 * 60, now: this.#now() });
  }

  /** A finished request (called by the pipeline; O(1)). */
  observe(sample: { workspaceId: string; status: number; costPico: bigint; at: number }): void {
    this.traffic.observe({ workspaceId: sample.workspaceId, at: sample.at, failed: sample.status >= 500, costPico: sample.costPico });
  }

  start(): void {
    this.#timer = setInterval(() => void this.evaluate(), this.#options.intervalMs);
    this.#timer.unref();
  }

  /** One evaluation pass (overlapping calls share the running one). */
  evaluate(): Promise<void> {
    this.#running ??= this.#evaluate()
      .catch((error: unknown) => this.#options.log.warn({ err: error }, 'evaluating alert rules failed'))
      .finally(() => (this.#running = undefined));
    return this.#running;
  }

  /** Stops the timer and pending retries; waits for deliveries in flight to record their attempt. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#stopped.abort();
    await this.#running;
    await Promise.allSettled([...this.#deliveries]);
  }

  async #evaluate(): Promise<void> {
    const now = this.#now();
    this.traffic.prune(now);
    const rules = await this.#options.store.listAllRules();
    const openNow = this.#openEndpoints(now);
    const newlyOpen = [...openNow].filter((endpoint) => !this.#openBefore.has(endpoint));
    this.#openBefore = openNow;
    const byWorkspace = new Map<string, AlertRuleRecord[]>();
    for (const rule of rules) byWorkspace.set(rule.workspaceId, [...(byWorkspace.get(rule.workspaceId) ?? []), rule]);
    for (const [workspaceId, workspaceRules] of byWorkspace) {
      const budgetInputs = workspaceRules.some((rule) => rule.type === 'budget') ? await this.#budgetInputs(workspaceId, now) : undefined;
      for (const rule of workspaceRules) {
        const parsed = alertRuleInput.safeParse({ type: rule.type, ...rule.params });
        if (!parsed.success) continue;
        for (const candidate of this.#candidates(rule, parsed.data, { now, budgetInputs, newlyOpen })) await this.#fire(rule, candidate, now);
      }
    }
  }

  #candidates(
    rule: AlertRuleRecord,
    params: AlertRuleParams,
    context: { now: number; budgetInputs: Parameters<typeof findBudgetCrossings>[2] | undefined; newlyOpen: string[] },
  ): AlertCandidate[] {
    const workspace = { workspaceId: rule.workspaceId, traffic: this.traffic, now: context.now };
    switch (params.type) {
      case 'budget':
        return context.budgetInputs ? findBudgetCrossings(rule.id, params, context.budgetInputs) : [];
      case 'spend_spike':
        return findSpendSpike(rule.id, params, workspace);
      case 'error_rate':
        return findErrorRate(rule.id, params, workspace);
      case 'provider_outage':
        return context.newlyOpen
          .map((endpoint) => ({ endpoint, provider: endpoint.slice(0, endpoint.indexOf('|')), model: endpoint.slice(endpoint.indexOf('|') + 1) }))
          .filter((open) => !params.providers || params.providers.includes(open.provider))
          .map((open) => ({
            fingerprint: `${rule.id}:outage:${open.endpoint}:${Math.floor(context.now / OUTAGE_BUCKET_MS)}`,
            summary: `Provider outage: the circuit breaker of ${open.provider} for ${open.model} opened`,
            details: { provider: open.provider, model: open.model },
          }));
    }
  }

  async #budgetInputs(workspaceId: string, now: number): Promise<Parameters<typeof findBudgetCrossings>[2]> {
    const keys = (await this.#options.keys.listAll()).filter((key) => key.kind === 'inference' && key.workspaceId === workspaceId && !key.disabled);
    const scopes = [...keys.filter((key) => key.limit !== null).map((key) => `key:${key.hash}`), `workspace:${workspaceId}`];
    const snapshots = await this.#options.ledger.snapshot(scopes, new Date(now));
    return { keys, snapshots, workspace: { id: workspaceId, snapshot: snapshots.get(`workspace:${workspaceId}`) }, now: new Date(now) };
  }

  #openEndpoints(now: number): Set<string> {
    const { health } = this.#options;
    return new Set(health.endpoints().filter((endpoint) => health.stats(endpoint, now).breaker === 'open'));
  }

  async #fire(rule: AlertRuleRecord, candidate: AlertCandidate, now: number): Promise<void> {
    const event: AlertEventRecord = { id: randomUUID(), ruleId: rule.id, workspaceId: rule.workspaceId, type: rule.type, ...candidate, firedAt: now };
    if (!(await this.#options.store.recordEvent(event))) return;
    this.#options.log.info({ rule: rule.id, type: rule.type, summary: event.summary }, 'alert fired');
    if (!rule.webhookUrl) return;
    const delivery = deliverAlertWebhook(rule, event, {
      secret: this.#options.secretFor(rule.id),
      timeoutMs: this.#options.webhookTimeoutMs,
      retryDelaysMs: this.#options.retryDelaysMs,
      record: (entry) => this.#options.store.recordDelivery(entry),
      stopped: this.#stopped.signal,
    }).finally(() => this.#deliveries.delete(delivery));
    this.#deliveries.add(delivery);
  }
}
