import type { Kysely, Selectable } from 'kysely';
import type { FilePurpose, FileRecord, FileStore } from '../file-store.js';
import type { BatchTables } from './batch-tables.js';

/** FileStore over SQLite or PostgreSQL (the same portable columns in both). */
export class KyselyFileStore implements FileStore {
  readonly #db: Kysely<BatchTables>;

  constructor(db: Kysely<BatchTables>) {
    this.#db = db;
  }

  async create(record: FileRecord): Promise<void> {
    await this.#db
      .insertInto('batch_files')
      .values({
        id: record.id,
        key_hash: record.keyHash,
        workspace_id: record.workspaceId,
        filename: record.filename,
        purpose: record.purpose,
        bytes: record.bytes,
        line_count: record.lineCount,
        created_at: record.createdAt,
        batch_id: record.batchId,
      })
      .execute();
  }

  async find(id: string, keyHash: string): Promise<FileRecord | undefined> {
    const row = await this.#db.selectFrom('batch_files').selectAll().where('id', '=', id).where('key_hash', '=', keyHash).executeTakeFirst();
    return row && toRecord(row);
  }

  async list(query: { keyHash: string; purpose?: FilePurpose; after?: string; limit: number }): Promise<FileRecord[]> {
    let select = this.#db.selectFrom('batch_files').selectAll().where('key_hash', '=', query.keyHash);
    if (query.purpose !== undefined) select = select.where('purpose', '=', query.purpose);
    if (query.after !== undefined) {
      const cursor = await this.#db.selectFrom('batch_files').select(['created_at', 'id']).where('id', '=', query.after).where('key_hash', '=', query.keyHash).executeTakeFirst();
      if (!cursor) return [];
      const at = Number(cursor.created_at);
      select = select.where((eb) => eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<', cursor.id)])]));
    }
    const rows = await select.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
    return rows.map(toRecord);
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.#db.deleteFrom('batch_files').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async listForBatch(batchId: string): Promise<FileRecord[]> {
    const rows = await this.#db.selectFrom('batch_files').selectAll().where('batch_id', '=', batchId).execute();
    return rows.map(toRecord);
  }

  async listUnusedBefore(cutoff: number): Promise<FileRecord[]> {
    const rows = await this.#db
      .selectFrom('batch_files')
      .selectAll()
      .where('purpose', '=', 'batch')
      .where('created_at', '<', cutoff)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('batches').select('batches.id').whereRef('batches.input_file_id', '=', 'batch_files.id'))))
      .execute();
    return rows.map(toRecord);
  }
}

function toRecord(row: Selectable<BatchTables['batch_files']>): FileRecord {
  return {
    id: row.id,
    keyHash: row.key_hash,
    workspaceId: row.workspace_id,
    filename: row.filename,
    purpose: row.purpose as FilePurpose,
    bytes: Number(row.bytes),
    lineCount: Number(row.line_count),
    createdAt: Number(row.created_at),
    batchId: row.batch_id,
  };
}
