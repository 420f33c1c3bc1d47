/** What an alert rule watches. */
export type AlertRuleType = 'budget' | 'spend_spike' | 'error_rate' | 'provider_outage';

/** A stored alert rule; `params` holds the type's settings as validated by alerts/alert-rule-schema.ts. */
export interface AlertRuleRecord {
  id: string;
  workspaceId: string;
  name: string;
  type: AlertRuleType;
  params: Record<string, unknown>;
  /** Where events are POSTed (signed); null = shown in the API and dashboard only. */
  webhookUrl: string | null;
  createdAt: string;
}

/** One firing of a rule: at most one per `fingerprint` (the crossing it stands for), across all nodes. */
export interface AlertEventRecord {
  id: string;
  ruleId: string;
  workspaceId: string;
  type: AlertRuleType;
  /** e.g. `<rule>:key:<hash>:80:2026-12-04` — the same crossing always yields the same fingerprint. */
  fingerprint: string;
  summary: string;
  details: Record<string, unknown>;
  /** ms since epoch. */
  firedAt: number;
}

/** One attempt to deliver an event to its webhook. */
export interface AlertDeliveryRecord {
  id: string;
  eventId: string;
  workspaceId: string;
  url: string;
  attempt: number;
  /** ms since epoch. */
  at: number;
  /** HTTP status, or null when no answer came. */
  status: number | null;
  error: string | null;
  delivered: boolean;
}

export interface AlertStore {
  createRule(rule: AlertRuleRecord): Promise<void>;
  listRules(workspaceId: string): Promise<AlertRuleRecord[]>;
  /** Every rule of every workspace (the evaluator's input). */
  listAllRules(): Promise<AlertRuleRecord[]>;
  /** Replaces the name, type, params and webhook of the rule with `rule.id` in `rule.workspaceId`; false when there is none. */
  updateRule(rule: AlertRuleRecord): Promise<boolean>;
  deleteRule(id: string, workspaceId: string): Promise<boolean>;
  /**
   * Records the event unless one with the same fingerprint exists. True when this call recorded it:
   * exactly one caller — on any node — gets true for a crossing, and only that one delivers it.
   */
  recordEvent(event: AlertEventRecord): Promise<boolean>;
  /** Newest first. */
  listEvents(workspaceId: string, options: { limit: number; ruleId?: string }): Promise<AlertEventRecord[]>;
  recordDelivery(delivery: AlertDeliveryRecord): Promise<void>;
  /** Newest first. */
  listDeliveries(workspaceId: string, options: { limit: number; eventId?: string }): Promise<AlertDeliveryRecord[]>;
}
