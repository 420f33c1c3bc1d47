import type { Kysely } from 'kysely';
import { privacySettingsSchema, type PrivacySettings } from '../../core/privacy-settings.js';
import type { GenerationContent, PrivacyStore } from '../privacy-store.js';
import type { PostgresDatabase } from './postgres-database.js';

/** PrivacyStore over the `workspace_privacy` and `generation_content` tables. */
export class PostgresPrivacyStore implements PrivacyStore {
  constructor(private readonly db: Kysely<PostgresDatabase>) {}

  async listSettings(): Promise<Array<{ workspaceId: string; settings: PrivacySettings }>> {
    const rows = await this.db.selectFrom('workspace_privacy').selectAll().execute();
    // Parsing through the schema fills fields added after the row was written.
    return rows.map((row) => ({ workspaceId: row.workspace_id, settings: privacySettingsSchema.parse(JSON.parse(row.settings)) }));
  }

  async putSettings(workspaceId: string, settings: PrivacySettings): Promise<void> {
    const row = { workspace_id: workspaceId, settings: JSON.stringify(settings), updated_at: new Date().toISOString() };
    await this.db
      .insertInto('workspace_privacy')
      .values(row)
      .onConflict((conflict) => conflict.column('workspace_id').doUpdateSet({ settings: row.settings, updated_at: row.updated_at }))
      .execute();
  }

  async saveContent(record: GenerationContent): Promise<void> {
    await this.db
      .insertInto('generation_content')
      .values({
        generation_id: record.generationId,
        workspace_id: record.workspaceId,
        key_hash: record.keyHash,
        input: record.input,
        output: record.output,
        created_at: record.createdAt,
        expires_at: record.expiresAt,
      })
      .onConflict((conflict) => conflict.column('generation_id').doNothing())
      .execute();
  }

  async findContent(id: string, workspaceId: string, now: number): Promise<GenerationContent | undefined> {
    const row = await this.db
      .selectFrom('generation_content')
      .selectAll()
      .where('generation_id', '=', id)
      .where('workspace_id', '=', workspaceId)
      .where('expires_at', '>', String(now))
      .executeTakeFirst();
    return (
      row && {
        generationId: row.generation_id,
        workspaceId: row.workspace_id,
        keyHash: row.key_hash,
        input: row.input,
        output: row.output,
        createdAt: Number(row.created_at),
        expiresAt: Number(row.expires_at),
      }
    );
  }

  async purgeExpiredContent(now: number): Promise<number> {
    const result = await this.db.deleteFrom('generation_content').where('expires_at', '<=', String(now)).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
