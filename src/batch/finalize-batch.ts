import type { BatchRecord, BatchStatus, BatchStore } from '../stores/batch-store.js';
import type { FileStore } from '../stores/file-store.js';
import type { BatchFileStorage } from './batch-file-storage.js';

/**
 * Writes the output file (successful lines) and the error file (failed and invalid lines) in
 * input order, then moves the batch to its end status. File ids follow from the batch id, so a
 * driver that died half-way through and the one that takes over write the same files once.
 */
export async function finalizeBatch(
  batch: BatchRecord,
  deps: { store: BatchStore; files: FileStore; storage: BatchFileStorage; now: () => number },
  move: { from: BatchStatus[]; to: BatchStatus },
): Promise<boolean> {
  const lines = await deps.store.lines(batch.id);
  const ok = lines.filter((line) => line.ok);
  const failed = lines.filter((line) => !line.ok);
  const suffix = batch.id.replace(/^batch_/, '');
  const outputFileId = ok.length > 0 ? await writeFile(`file-${suffix}out`, 'batch_output.jsonl', ok.map((line) => line.result), batch, deps) : null;
  const errorFileId = failed.length > 0 ? await writeFile(`file-${suffix}err`, 'batch_errors.jsonl', failed.map((line) => line.result), batch, deps) : null;
  const now = deps.now();
  const at = { completed: { completedAt: now }, expired: { expiredAt: now }, cancelled: { cancelledAt: now }, failed: { failedAt: now } } as Record<string, object>;
  return deps.store.transition(batch.id, move.from, move.to, {
    ...at[move.to],
    outputFileId,
    errorFileId,
    counts: { total: Math.max(batch.counts.total, lines.length), completed: ok.length, failed: failed.length },
  });
}

async function writeFile(
  id: string,
  filename: string,
  rows: string[],
  batch: BatchRecord,
  deps: { files: FileStore; storage: BatchFileStorage; now: () => number },
): Promise<string> {
  const text = rows.map((row) => `${row}\n`).join('');
  await deps.storage.saveText(id, text);
  if (!(await deps.files.find(id, batch.keyHash))) {
    await deps.files.create({
      id,
      keyHash: batch.keyHash,
      workspaceId: batch.workspaceId,
      filename,
      purpose: 'batch_output',
      bytes: Buffer.byteLength(text),
      lineCount: rows.length,
      createdAt: deps.now(),
      batchId: batch.id,
    });
  }
  return id;
}
