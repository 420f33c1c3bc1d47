/**
 * KeyStore over PostgreSQL through Kysely.
 */
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { ApiKeyPatch, ApiKeyRecord, KeyKind, KeyStore } from '../key-store.js';
import type { ApiKeysTable, PostgresDatabase } from './postgres-database.js';

/** Keys in the `api_keys` table. */
export class PostgresKeyStore implements KeyStore {
  constructor(private readonly db: Kysely<PostgresDatabase>) {}

  async create(record: ApiKeyRecord): Promise<void> {
    await this.db.insertInto('api_keys').values(toRow(record)).execute();
  }

  async findByHash(hash: string): Promise<ApiKeyRecord | undefined> {
    const row = await this.db.selectFrom('api_keys').selectAll().where('hash', '=', hash).executeTakeFirst();
    return row && fromRow(row);
  }

  async listAll(): Promise<ApiKeyRecord[]> {
    const rows = await this.db.selectFrom('api_keys').selectAll().orderBy('created_at').orderBy('hash').execute();
    return rows.map(fromRow);
  }

  async list(options: { kind: KeyKind; includeDisabled: boolean; offset: number; limit: number }): Promise<ApiKeyRecord[]> {
    let query = this.db.selectFrom('api_keys').selectAll().where('kind', '=', options.kind);
    if (!options.includeDisabled) query = query.where('disabled', '=', false);
    const rows = await query
      .orderBy('created_at')
      .orderBy('hash')
      .limit(options.limit)
      .offset(options.offset)
      .execute();
    return rows.map(fromRow);
  }

  async update(hash: string, patch: ApiKeyPatch, updatedAt: string): Promise<ApiKeyRecord | undefined> {
    const row = await this.db
      .updateTable('api_keys')
      .set(toPatchRow(patch, updatedAt))
      .where('hash', '=', hash)
      .returningAll()
      .executeTakeFirst();
    return row && fromRow(row);
  }

  async delete(hash: string): Promise<boolean> {
    const result = await this.db.deleteFrom('api_keys').where('hash', '=', hash).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}

function toRow(record: ApiKeyRecord): ApiKeysTable {
  return {
    hash: record.hash,
    kind: record.kind,
    name: record.name,
    label: record.label,
    disabled: record.disabled,
    limit_usd: record.limit,
    limit_reset: record.limitReset,
    include_byok_in_limit: record.includeByokInLimit,
    workspace_id: record.workspaceId,
    creator_user_id: record.creatorUserId,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    expires_at: record.expiresAt,
  };
}

/** Only the fields present in the patch; `undefined` means "leave unchanged". */
function toPatchRow(patch: ApiKeyPatch, updatedAt: string): Updateable<ApiKeysTable> {
  const row: Updateable<ApiKeysTable> = { updated_at: updatedAt };
  if (patch.name !== undefined) row.name = patch.name;
  if (patch.disabled !== undefined) row.disabled = patch.disabled;
  if (patch.limit !== undefined) row.limit_usd = patch.limit;
  if (patch.limitReset !== undefined) row.limit_reset = patch.limitReset;
  if (patch.includeByokInLimit !== undefined) row.include_byok_in_limit = patch.includeByokInLimit;
  if (patch.expiresAt !== undefined) row.expires_at = patch.expiresAt;
  return row;
}

function fromRow(row: Selectable<ApiKeysTable>): ApiKeyRecord {
  return {
    hash: row.hash,
    kind: row.kind,
    name: row.name,
    label: row.label,
    disabled: row.disabled,
    limit: row.limit_usd,
    limitReset: row.limit_reset,
    includeByokInLimit: row.include_byok_in_limit,
    workspaceId: row.workspace_id,
    creatorUserId: row.creator_user_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    expiresAt: row.expires_at,
  };
}
