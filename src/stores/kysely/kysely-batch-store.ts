import type { Kysely, Selectable, Updateable } from 'kysely';
import type { BatchLineResult, BatchPatch, BatchRecord, BatchSpec, BatchState, BatchStatus, BatchStatusSummary, BatchStore } from '../batch-store.js';
import type { BatchTables } from './batch-tables.js';

type BatchRow = Selectable<BatchTables['batches']>;
const ENDED: BatchStatus[] = ['completed', 'failed', 'expired', 'cancelled'];

/**
 * BatchStore over SQLite or PostgreSQL (the same portable columns in both). Every change is one
 * statement: the lease is a conditional UPDATE, a transition an UPDATE … WHERE status IN (…), a
 * line result an INSERT … ON CONFLICT DO NOTHING, so two nodes never both win.
 */
export class KyselyBatchStore implements BatchStore {
  readonly #db: Kysely<BatchTables>;

  constructor(db: Kysely<BatchTables>) {
    this.#db = db;
  }

  async create(record: BatchRecord): Promise<void> {
    await this.#db
      .insertInto('batches')
      .values({
        id: record.id,
        key_hash: record.keyHash,
        workspace_id: record.workspaceId,
        status: record.status,
        input_file_id: record.spec.inputFileId,
        spec: JSON.stringify(record.spec),
        created_at: record.createdAt,
        expires_at: record.expiresAt,
        in_progress_at: record.inProgressAt,
        finalizing_at: record.finalizingAt,
        completed_at: record.completedAt,
        failed_at: record.failedAt,
        expired_at: record.expiredAt,
        cancelling_at: record.cancellingAt,
        cancelled_at: record.cancelledAt,
        total: record.counts.total,
        completed: record.counts.completed,
        failed: record.counts.failed,
        output_file_id: record.outputFileId,
        error_file_id: record.errorFileId,
        state: JSON.stringify(record.state),
      })
      .execute();
  }

  async find(id: string, keyHash?: string): Promise<BatchRecord | undefined> {
    let select = this.#db.selectFrom('batches').selectAll().where('id', '=', id);
    if (keyHash !== undefined) select = select.where('key_hash', '=', keyHash);
    const row = await select.executeTakeFirst();
    return row && toRecord(row);
  }

  async list(query: { keyHash: string; after?: string; limit: number }): Promise<BatchRecord[]> {
    let select = this.#db.selectFrom('batches').selectAll().where('key_hash', '=', query.keyHash);
    if (query.after !== undefined) {
      const cursor = await this.#db.selectFrom('batches').select(['created_at', 'id']).where('id', '=', query.after).where('key_hash', '=', query.keyHash).executeTakeFirst();
      if (!cursor) return [];
      const at = Number(cursor.created_at);
      select = select.where((eb) => eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<', cursor.id)])]));
    }
    const rows = await select.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
    return rows.map(toRecord);
  }

  async listByStatus(statuses: readonly BatchStatus[]): Promise<BatchRecord[]> {
    if (statuses.length === 0) return [];
    const rows = await this.#db.selectFrom('batches').selectAll().where('status', 'in', [...statuses]).orderBy('created_at').execute();
    return rows.map(toRecord);
  }

  async update(id: string, patch: BatchPatch): Promise<void> {
    const columns = toColumns(patch);
    if (Object.keys(columns).length === 0) return;
    await this.#db.updateTable('batches').set(columns).where('id', '=', id).execute();
  }

  async transition(id: string, from: readonly BatchStatus[], to: BatchStatus, patch: BatchPatch = {}): Promise<boolean> {
    const result = await this.#db
      .updateTable('batches')
      .set({ ...toColumns(patch), status: to })
      .where('id', '=', id)
      .where('status', 'in', [...from])
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async claim(id: string, owner: string, now: number, leaseMs: number): Promise<boolean> {
    const result = await this.#db
      .updateTable('batches')
      .set({ lease_owner: owner, lease_expires_at: now + leaseMs })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_owner', '=', owner), eb('lease_expires_at', '<', now)]))
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async release(id: string, owner: string): Promise<void> {
    await this.#db.updateTable('batches').set({ lease_owner: null, lease_expires_at: null }).where('id', '=', id).where('lease_owner', '=', owner).execute();
  }

  async recordLine(result: BatchLineResult): Promise<boolean> {
    const inserted = await this.#db
      .insertInto('batch_lines')
      .values({ batch_id: result.batchId, line_index: result.index, ok: result.ok ? 1 : 0, result: result.result, generation_id: result.generationId })
      .onConflict((conflict) => conflict.columns(['batch_id', 'line_index']).doNothing())
      .executeTakeFirst();
    return (inserted.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }

  async lines(batchId: string): Promise<BatchLineResult[]> {
    const rows = await this.#db.selectFrom('batch_lines').selectAll().where('batch_id', '=', batchId).orderBy('line_index').execute();
    return rows.map((row) => ({ batchId: row.batch_id, index: Number(row.line_index), ok: Number(row.ok) === 1, result: row.result, generationId: row.generation_id }));
  }

  async listEndedBefore(cutoff: number): Promise<BatchRecord[]> {
    const rows = await this.#db
      .selectFrom('batches')
      .selectAll()
      .where('status', 'in', ENDED)
      .where((eb) => eb(eb.fn.coalesce('completed_at', 'failed_at', 'expired_at', 'cancelled_at', 'created_at'), '<', cutoff))
      .execute();
    return rows.map(toRecord);
  }

  async summarize(filter: { since: number; until?: number; workspaceId?: string; keyHash?: string }): Promise<BatchStatusSummary[]> {
    let select = this.#db
      .selectFrom('batches')
      .select((eb) => ['status', eb.fn.countAll<number | string>().as('batches'), eb.fn.sum<number | string>('total').as('total'), eb.fn.sum<number | string>('completed').as('completed'), eb.fn.sum<number | string>('failed').as('failed')])
      .where('created_at', '>=', filter.since);
    if (filter.until !== undefined) select = select.where('created_at', '<', filter.until);
    if (filter.workspaceId !== undefined) select = select.where('workspace_id', '=', filter.workspaceId);
    if (filter.keyHash !== undefined) select = select.where('key_hash', '=', filter.keyHash);
    const rows = await select.groupBy('status').orderBy('status').execute();
    return rows.map((row) => ({
      status: row.status as BatchStatus,
      batches: Number(row.batches),
      counts: { total: Number(row.total), completed: Number(row.completed), failed: Number(row.failed) },
    }));
  }

  async delete(id: string): Promise<void> {
    await this.#db.deleteFrom('batch_lines').where('batch_id', '=', id).execute();
    await this.#db.deleteFrom('batches').where('id', '=', id).execute();
  }
}

function toColumns(patch: BatchPatch): Updateable<BatchTables['batches']> {
  const columns: Updateable<BatchTables['batches']> = {};
  if (patch.inProgressAt !== undefined) columns.in_progress_at = patch.inProgressAt;
  if (patch.finalizingAt !== undefined) columns.finalizing_at = patch.finalizingAt;
  if (patch.completedAt !== undefined) columns.completed_at = patch.completedAt;
  if (patch.failedAt !== undefined) columns.failed_at = patch.failedAt;
  if (patch.expiredAt !== undefined) columns.expired_at = patch.expiredAt;
  if (patch.cancellingAt !== undefined) columns.cancelling_at = patch.cancellingAt;
  if (patch.cancelledAt !== undefined) columns.cancelled_at = patch.cancelledAt;
  if (patch.counts !== undefined) Object.assign(columns, { total: patch.counts.total, completed: patch.counts.completed, failed: patch.counts.failed });
  if (patch.outputFileId !== undefined) columns.output_file_id = patch.outputFileId;
  if (patch.errorFileId !== undefined) columns.error_file_id = patch.errorFileId;
  if (patch.state !== undefined) columns.state = JSON.stringify(patch.state);
  return columns;
}

const numberOrNull = (value: number | string | null): number | null => (value === null ? null : Number(value));

function toRecord(row: BatchRow): BatchRecord {
  return {
    id: row.id,
    keyHash: row.key_hash,
    workspaceId: row.workspace_id,
    status: row.status as BatchStatus,
    spec: JSON.parse(row.spec) as BatchSpec,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    inProgressAt: numberOrNull(row.in_progress_at),
    finalizingAt: numberOrNull(row.finalizing_at),
    completedAt: numberOrNull(row.completed_at),
    failedAt: numberOrNull(row.failed_at),
    expiredAt: numberOrNull(row.expired_at),
    cancellingAt: numberOrNull(row.cancelling_at),
    cancelledAt: numberOrNull(row.cancelled_at),
    counts: { total: Number(row.total), completed: Number(row.completed), failed: Number(row.failed) },
    outputFileId: row.output_file_id,
    errorFileId: row.error_file_id,
    state: JSON.parse(row.state) as BatchState,
  };
}
