import type { Kysely } from 'kysely';
import type { AlertDeliveryRecord, AlertEventRecord, AlertRuleRecord, AlertRuleType, AlertStore } from '../alert-store.js';
import type { SqliteBool, SqliteDatabase } from './sqlite-database.js';

/** Tables of migration 0009_alerts.sql. */
export type AlertTables = {
  alert_rules: { id: string; workspace_id: string; name: string; type: AlertRuleType; params: string; webhook_url: string | null; created_at: string };
  alert_events: { id: string; rule_id: string; workspace_id: string; type: AlertRuleType; fingerprint: string; summary: string; details: string; fired_at: number };
  alert_deliveries: {
    id: string;
    event_id: string;
    workspace_id: string;
    url: string;
    attempt: number;
    at: number;
    status: number | null;
    error: string | null;
    delivered: SqliteBool;
  };
};

/** AlertStore over SQLite; the fingerprint's UNIQUE constraint makes each crossing fire once. */
export class SqliteAlertStore implements AlertStore {
  readonly #db: Kysely<AlertTables>;

  constructor(db: Kysely<SqliteDatabase>) {
    this.#db = db.withTables<AlertTables>() as unknown as Kysely<AlertTables>;
  }

  async createRule(rule: AlertRuleRecord): Promise<void> {
    await this.#db
      .insertInto('alert_rules')
      .values({ id: rule.id, workspace_id: rule.workspaceId, name: rule.name, type: rule.type, params: JSON.stringify(rule.params), webhook_url: rule.webhookUrl, created_at: rule.createdAt })
      .execute();
  }

  async listRules(workspaceId: string): Promise<AlertRuleRecord[]> {
    const rows = await this.#db.selectFrom('alert_rules').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at').orderBy('id').execute();
    return rows.map(ruleFromRow);
  }

  async listAllRules(): Promise<AlertRuleRecord[]> {
    const rows = await this.#db.selectFrom('alert_rules').selectAll().orderBy('created_at').orderBy('id').execute();
    return rows.map(ruleFromRow);
  }

  async updateRule(rule: AlertRuleRecord): Promise<boolean> {
    const result = await this.#db
      .updateTable('alert_rules')
      .set({ name: rule.name, type: rule.type, params: JSON.stringify(rule.params), webhook_url: rule.webhookUrl })
      .where('id', '=', rule.id)
      .where('workspace_id', '=', rule.workspaceId)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async deleteRule(id: string, workspaceId: string): Promise<boolean> {
    const result = await this.#db.deleteFrom('alert_rules').where('id', '=', id).where('workspace_id', '=', workspaceId).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async recordEvent(event: AlertEventRecord): Promise<boolean> {
    const result = await this.#db
      .insertInto('alert_events')
      .values({
        id: event.id,
        rule_id: event.ruleId,
        workspace_id: event.workspaceId,
        type: event.type,
        fingerprint: event.fingerprint,
        summary: event.summary,
        details: JSON.stringify(event.details),
        fired_at: event.firedAt,
      })
      .onConflict((conflict) => conflict.column('fingerprint').doNothing())
      .executeTakeFirst();
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }

  async listEvents(workspaceId: string, options: { limit: number; ruleId?: string }): Promise<AlertEventRecord[]> {
    let query = this.#db.selectFrom('alert_events').selectAll().where('workspace_id', '=', workspaceId);
    if (options.ruleId !== undefined) query = query.where('rule_id', '=', options.ruleId);
    const rows = await query.orderBy('fired_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
    return rows.map((row) => ({
      id: row.id,
      ruleId: row.rule_id,
      workspaceId: row.workspace_id,
      type: row.type,
      fingerprint: row.fingerprint,
      summary: row.summary,
      details: JSON.parse(row.details) as Record<string, unknown>,
      firedAt: row.fired_at,
    }));
  }

  async recordDelivery(delivery: AlertDeliveryRecord): Promise<void> {
    await this.#db
      .insertInto('alert_deliveries')
      .values({
        id: delivery.id,
        event_id: delivery.eventId,
        workspace_id: delivery.workspaceId,
        url: delivery.url,
        attempt: delivery.attempt,
        at: delivery.at,
        status: delivery.status,
        error: delivery.error,
        delivered: delivery.delivered ? 1 : 0,
      })
      .execute();
  }

  async listDeliveries(workspaceId: string, options: { limit: number; eventId?: string }): Promise<AlertDeliveryRecord[]> {
    let query = this.#db.selectFrom('alert_deliveries').selectAll().where('workspace_id', '=', workspaceId);
    if (options.eventId !== undefined) query = query.where('event_id', '=', options.eventId);
    const rows = await query.orderBy('at', 'desc').orderBy('attempt', 'desc').limit(options.limit).execute();
    return rows.map((row) => ({
      id: row.id,
      eventId: row.event_id,
      workspaceId: row.workspace_id,
      url: row.url,
      attempt: row.attempt,
      at: row.at,
      status: row.status,
      error: row.error,
      delivered: row.delivered === 1,
    }));
  }
}

function ruleFromRow(row: AlertTables['alert_rules']): AlertRuleRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    type: row.type,
    params: JSON.parse(row.params) as Record<string, unknown>,
    webhookUrl: row.webhook_url,
    createdAt: row.created_at,
  };
}
