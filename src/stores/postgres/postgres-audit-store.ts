import type { Kysely, Selectable } from 'kysely';
import type { AuditEntry, AuditQuery, AuditStore, AuditValues, NewAuditEntry } from '../audit-store.js';
import type { AuditLogTable, PostgresDatabase } from './postgres-database.js';

/** AuditStore over the append-only `audit_log` table (migration 0002). */
export class PostgresAuditStore implements AuditStore {
  constructor(private readonly db: Kysely<PostgresDatabase>) {}

  async append(entry: NewAuditEntry): Promise<AuditEntry> {
    const { id } = await this.db
      .insertInto('audit_log')
      .values({
        workspace_id: entry.workspaceId,
        actor_key_hash: entry.actorKeyHash,
        actor_name: entry.actorName,
        action: entry.action,
        target_id: entry.targetId,
        ip: entry.ip,
        before_json: entry.before === null ? null : JSON.stringify(entry.before),
        after_json: entry.after === null ? null : JSON.stringify(entry.after),
        created_at: entry.createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { ...structuredClone(entry), id: Number(id) };
  }

  async list(query: AuditQuery): Promise<AuditEntry[]> {
    let select = this.db.selectFrom('audit_log').selectAll();
    if (query.workspaceId !== undefined) select = select.where('workspace_id', '=', query.workspaceId);
    if (query.action !== undefined) select = select.where('action', '=', query.action);
    if (query.actorKeyHash !== undefined) select = select.where('actor_key_hash', '=', query.actorKeyHash);
    if (query.targetId !== undefined) select = select.where('target_id', '=', query.targetId);
    if (query.since !== undefined) select = select.where('created_at', '>=', String(query.since));
    if (query.until !== undefined) select = select.where('created_at', '<', String(query.until));
    if (query.beforeId !== undefined) select = select.where('id', '<', String(query.beforeId));
    const rows = await select.orderBy('id', 'desc').limit(query.limit).execute();
    return rows.map(toEntry);
  }
}

function toEntry(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: Number(row.id),
    workspaceId: row.workspace_id,
    actorKeyHash: row.actor_key_hash,
    actorName: row.actor_name,
    action: row.action,
    targetId: row.target_id,
    ip: row.ip,
    before: row.before_json === null ? null : (JSON.parse(row.before_json) as AuditValues),
    after: row.after_json === null ? null : (JSON.parse(row.after_json) as AuditValues),
    createdAt: Number(row.created_at),
  };
}
