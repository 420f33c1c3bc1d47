/**
 * GuardrailStore over PostgreSQL through Kysely (tables from migrations/postgres/0001_init.sql).
 */
import type { Kysely, Selectable } from 'kysely';
import type { AssignmentKind, GuardrailAssignment, GuardrailRecord, GuardrailStore } from '../guardrail-store.js';
import type { GuardrailsTable, KeyAssignmentsTable, MemberAssignmentsTable, PostgresDatabase } from './postgres-database.js';

const TABLE = { key: 'guardrail_key_assignments', member: 'guardrail_member_assignments' } as const;
const TARGET = { key: 'key_hash', member: 'member_id' } as const;

/** Guardrails and assignments in PostgreSQL. */
export class PostgresGuardrailStore implements GuardrailStore {
  readonly #db: Kysely<PostgresDatabase>;

  constructor(db: Kysely<PostgresDatabase>) {
    this.#db = db;
  }

  async create(record: GuardrailRecord): Promise<void> {
    await this.#db.insertInto('guardrails').values(toRow(record)).execute();
  }

  async get(id: string, workspaceId: string): Promise<GuardrailRecord | undefined> {
    const row = await this.#db.selectFrom('guardrails').selectAll().where('id', '=', id).where('workspace_id', '=', workspaceId).executeTakeFirst();
    return row && fromRow(row);
  }

  async list(workspaceId: string, options: { offset: number; limit: number }): Promise<GuardrailRecord[]> {
    const rows = await this.#db
      .selectFrom('guardrails')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .orderBy('created_at')
      .orderBy('id')
      .limit(options.limit)
      .offset(options.offset)
      .execute();
    return rows.map(fromRow);
  }

  async update(record: GuardrailRecord): Promise<GuardrailRecord | undefined> {
    const row = await this.#db
      .updateTable('guardrails')
      .set({ name: record.name, policy: JSON.stringify(record.policy), updated_at: record.updatedAt })
      .where('id', '=', record.id)
      .where('workspace_id', '=', record.workspaceId)
      .returningAll()
      .executeTakeFirst();
    return row && fromRow(row);
  }

  async delete(id: string, workspaceId: string): Promise<boolean> {
    // Assignments go with it through ON DELETE CASCADE.
    const result = await this.#db.deleteFrom('guardrails').where('id', '=', id).where('workspace_id', '=', workspaceId).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async assign(kind: AssignmentKind, assignments: GuardrailAssignment[]): Promise<number> {
    if (assignments.length === 0) return 0;
    const target = TARGET[kind];
    const rows = assignments.map((a) => ({ workspace_id: a.workspaceId, [target]: a.target, guardrail_id: a.guardrailId, created_at: a.createdAt }));
    await this.#db.transaction().execute(async (tx) => {
      for (const row of rows) {
        await tx
          .insertInto(TABLE[kind])
          .values(row as unknown as KeyAssignmentsTable & MemberAssignmentsTable)
          .onConflict((conflict) => conflict.columns(['workspace_id', target] as never).doUpdateSet({ guardrail_id: row.guardrail_id, created_at: row.created_at }))
          .execute();
      }
    });
    return assignments.length;
  }

  async unassign(kind: AssignmentKind, options: { guardrailId: string; workspaceId: string; targets: string[] }): Promise<number> {
    if (options.targets.length === 0) return 0;
    const result = await this.#db
      .deleteFrom(TABLE[kind])
      .where('workspace_id', '=', options.workspaceId)
      .where('guardrail_id', '=', options.guardrailId)
      .where(TARGET[kind] as 'key_hash', 'in', [...new Set(options.targets)])
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async listAssignments(kind: AssignmentKind, options: { workspaceId: string; guardrailId?: string }): Promise<GuardrailAssignment[]> {
    let query = this.#db.selectFrom(TABLE[kind] as 'guardrail_key_assignments').selectAll().where('workspace_id', '=', options.workspaceId);
    if (options.guardrailId !== undefined) query = query.where('guardrail_id', '=', options.guardrailId);
    const rows = await query.orderBy('created_at').orderBy(TARGET[kind] as 'key_hash').execute();
    return rows.map((row) => fromAssignment(row as unknown as Record<string, string>, kind));
  }

  async loadAll() {
    const guardrails = (await this.#db.selectFrom('guardrails').selectAll().execute()).map(fromRow);
    const keys = (await this.#db.selectFrom('guardrail_key_assignments').selectAll().execute()).map((row) => fromAssignment(row as unknown as Record<string, string>, 'key'));
    const members = (await this.#db.selectFrom('guardrail_member_assignments').selectAll().execute()).map((row) => fromAssignment(row as unknown as Record<string, string>, 'member'));
    return { guardrails, keys, members };
  }
}

function toRow(record: GuardrailRecord): GuardrailsTable {
  return {
    id: record.id,
    workspace_id: record.workspaceId,
    name: record.name,
    policy: JSON.stringify(record.policy),
    created_at: record.createdAt,
    updated_at: record.updatedAt,
  };
}

function fromRow(row: Selectable<GuardrailsTable>): GuardrailRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    policy: JSON.parse(row.policy) as GuardrailRecord['policy'],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function fromAssignment(row: Record<string, string>, kind: AssignmentKind): GuardrailAssignment {
  return { guardrailId: row.guardrail_id as string, workspaceId: row.workspace_id as string, target: row[TARGET[kind]] as string, createdAt: row.created_at as string };
}
