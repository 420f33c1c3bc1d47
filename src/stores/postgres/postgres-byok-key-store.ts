import type { Kysely, Selectable } from 'kysely';
import type { ByokKeyPatch, ByokKeyRecord, ByokKeyStore, EncryptedSecret } from '../byok-key-store.js';
import type { ByokKeysTable, PostgresDatabase } from './postgres-database.js';

/** BYOK keys in `byok_keys` (ciphertext only) and the master-key check in `master_key_check`. */
export class PostgresByokKeyStore implements ByokKeyStore {
  constructor(private readonly db: Kysely<PostgresDatabase>) {}

  async create(record: ByokKeyRecord): Promise<void> {
    await this.db.insertInto('byok_keys').values(toRow(record)).execute();
  }

  async listAll(): Promise<ByokKeyRecord[]> {
    const rows = await this.db
      .selectFrom('byok_keys')
      .selectAll()
      .orderBy('workspace_id')
      .orderBy('provider')
      .orderBy('sort_order')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(fromRow);
  }

  async update(id: string, patch: ByokKeyPatch, updatedAt: string): Promise<ByokKeyRecord | undefined> {
    const set: Partial<ByokKeysTable> = { updated_at: updatedAt };
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.label !== undefined) set.label = patch.label;
    if (patch.disabled !== undefined) set.disabled = patch.disabled;
    if (patch.alwaysUse !== undefined) set.always_use = patch.alwaysUse;
    if (patch.isFallback !== undefined) set.is_fallback = patch.isFallback;
    if (patch.allowedModels !== undefined) set.allowed_models = patch.allowedModels === null ? null : JSON.stringify(patch.allowedModels);
    if (patch.sortOrder !== undefined) set.sort_order = patch.sortOrder;
    if (patch.secret !== undefined) Object.assign(set, secretColumns(patch.secret));
    const row = await this.db.updateTable('byok_keys').set(set).where('id', '=', id).returningAll().executeTakeFirst();
    return row && fromRow(row);
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('byok_keys').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async getKeyCheck(): Promise<EncryptedSecret | undefined> {
    const row = await this.db.selectFrom('master_key_check').selectAll().where('id', '=', 1).executeTakeFirst();
    return row && { keyId: row.key_id, iv: new Uint8Array(row.iv), authTag: new Uint8Array(row.auth_tag), ciphertext: new Uint8Array(row.ciphertext) };
  }

  async replaceSecrets(options: { check: EncryptedSecret; secrets: Array<{ id: string; secret: EncryptedSecret }> }): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const check = { ...secretColumns(options.check), created_at: new Date().toISOString() };
      await trx
        .insertInto('master_key_check')
        .values({ id: 1, ...check })
        .onConflict((conflict) => conflict.column('id').doUpdateSet(check))
        .execute();
      for (const { id, secret } of options.secrets) {
        const result = await trx.updateTable('byok_keys').set(secretColumns(secret)).where('id', '=', id).executeTakeFirst();
        if (result.numUpdatedRows !== 1n) throw new Error(`BYOK key ${id} does not exist`);
      }
    });
  }
}

function secretColumns(secret: EncryptedSecret): Pick<ByokKeysTable, 'key_id' | 'iv' | 'auth_tag' | 'ciphertext'> {
  return { key_id: secret.keyId, iv: Buffer.from(secret.iv), auth_tag: Buffer.from(secret.authTag), ciphertext: Buffer.from(secret.ciphertext) };
}

function toRow(record: ByokKeyRecord): ByokKeysTable {
  return {
    id: record.id,
    workspace_id: record.workspaceId,
    provider: record.provider,
    name: record.name,
    label: record.label,
    disabled: record.disabled,
    always_use: record.alwaysUse,
    is_fallback: record.isFallback,
    allowed_models: record.allowedModels === null ? null : JSON.stringify(record.allowedModels),
    sort_order: record.sortOrder,
    ...secretColumns(record.secret),
    created_at: record.createdAt,
    updated_at: record.updatedAt,
  };
}

function fromRow(row: Selectable<ByokKeysTable>): ByokKeyRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    provider: row.provider,
    name: row.name,
    label: row.label,
    disabled: row.disabled,
    alwaysUse: row.always_use,
    isFallback: row.is_fallback,
    allowedModels: row.allowed_models === null ? null : (JSON.parse(row.allowed_models) as string[]),
    sortOrder: row.sort_order,
    secret: { keyId: row.key_id, iv: new Uint8Array(row.iv), authTag: new Uint8Array(row.auth_tag), ciphertext: new Uint8Array(row.ciphertext) },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
