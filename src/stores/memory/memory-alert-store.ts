import type { AlertDeliveryRecord, AlertEventRecord, AlertRuleRecord, AlertStore } from '../alert-store.js';

/** Alert rules, events and deliveries in Maps: for tests and for running without a database. */
export class MemoryAlertStore implements AlertStore {
  readonly #rules = new Map<string, AlertRuleRecord>();
  readonly #events = new Map<string, AlertEventRecord>();
  readonly #deliveries: AlertDeliveryRecord[] = [];

  async createRule(rule: AlertRuleRecord): Promise<void> {
    if (this.#rules.has(rule.id)) throw new Error(`Alert rule ${rule.id} already exists`);
    this.#rules.set(rule.id, structuredClone(rule));
  }

  async listRules(workspaceId: string): Promise<AlertRuleRecord[]> {
    return (await this.listAllRules()).filter((rule) => rule.workspaceId === workspaceId);
  }

  async listAllRules(): Promise<AlertRuleRecord[]> {
    return [...this.#rules.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)).map((rule) => structuredClone(rule));
  }

  async updateRule(rule: AlertRuleRecord): Promise<boolean> {
    const current = this.#rules.get(rule.id);
    if (!current || current.workspaceId !== rule.workspaceId) return false;
    this.#rules.set(rule.id, structuredClone({ ...rule, createdAt: current.createdAt }));
    return true;
  }

  async deleteRule(id: string, workspaceId: string): Promise<boolean> {
    const rule = this.#rules.get(id);
    if (!rule || rule.workspaceId !== workspaceId) return false;
    return this.#rules.delete(id);
  }

  async recordEvent(event: AlertEventRecord): Promise<boolean> {
    if (this.#events.has(event.fingerprint)) return false;
    this.#events.set(event.fingerprint, structuredClone(event));
    return true;
  }

  async listEvents(workspaceId: string, options: { limit: number; ruleId?: string }): Promise<AlertEventRecord[]> {
    return [...this.#events.values()]
      .filter((event) => event.workspaceId === workspaceId && (options.ruleId === undefined || event.ruleId === options.ruleId))
      .sort((a, b) => b.firedAt - a.firedAt || b.id.localeCompare(a.id))
      .slice(0, options.limit)
      .map((event) => structuredClone(event));
  }

  async recordDelivery(delivery: AlertDeliveryRecord): Promise<void> {
    this.#deliveries.push(structuredClone(delivery));
  }

  async listDeliveries(workspaceId: string, options: { limit: number; eventId?: string }): Promise<AlertDeliveryRecord[]> {
    return this.#deliveries
      .filter((delivery) => delivery.workspaceId === workspaceId && (options.eventId === undefined || delivery.eventId === options.eventId))
      .sort((a, b) => b.at - a.at || b.attempt - a.attempt)
      .slice(0, options.limit)
      .map((delivery) => structuredClone(delivery));
  }
}
