import type { Kysely, Selectable } from 'kysely';
import { ownerMemberId, type MemberPatch, type MemberRecord, type WorkspaceRecord, type WorkspaceStore } from '../workspace-store.js';
import type { MembersTable, PostgresDatabase } from './postgres-database.js';

/** Workspaces and members in the `workspaces` / `members` tables (migration 0002). */
export class PostgresWorkspaceStore implements WorkspaceStore {
  constructor(private readonly db: Kysely<PostgresDatabase>) {}

  async createWorkspace(record: WorkspaceRecord): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('workspaces').values({ id: record.id, name: record.name, created_at: record.createdAt }).execute();
      await trx
        .insertInto('members')
        .values({ id: ownerMemberId(record.id), workspace_id: record.id, name: 'Owner', email: null, limit_usd: null, limit_reset: null, include_byok_in_limit: false, created_at: record.createdAt, updated_at: null })
        .execute();
    });
  }

  async listWorkspaces(): Promise<WorkspaceRecord[]> {
    const rows = await this.db.selectFrom('workspaces').selectAll().orderBy('created_at').orderBy('id').execute();
    return rows.map((row) => ({ id: row.id, name: row.name, createdAt: row.created_at }));
  }

  async createMember(record: MemberRecord): Promise<void> {
    await this.db
      .insertInto('members')
      .values({
        id: record.id, workspace_id: record.workspaceId, name: record.name, email: record.email, limit_usd: record.limit,
        limit_reset: record.limitReset, include_byok_in_limit: record.includeByokInLimit, created_at: record.createdAt, updated_at: record.updatedAt,
      })
      .execute();
  }

  async listMembers(): Promise<MemberRecord[]> {
    const rows = await this.db.selectFrom('members').selectAll().orderBy('created_at').orderBy('id').execute();
    return rows.map(fromRow);
  }

  async updateMember(id: string, patch: MemberPatch, updatedAt: string): Promise<MemberRecord | undefined> {
    const row = await this.db
      .updateTable('members')
      .set({
        updated_at: updatedAt,
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.email !== undefined && { email: patch.email }),
        ...(patch.limit !== undefined && { limit_usd: patch.limit }),
        ...(patch.limitReset !== undefined && { limit_reset: patch.limitReset }),
        ...(patch.includeByokInLimit !== undefined && { include_byok_in_limit: patch.includeByokInLimit }),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row && fromRow(row);
  }
}

function fromRow(row: Selectable<MembersTable>): MemberRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    email: row.email,
    limit: row.limit_usd,
    limitReset: row.limit_reset,
    includeByokInLimit: row.include_byok_in_limit,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
