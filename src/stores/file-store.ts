/**
 * Metadata of files kept for the Batch API: uploaded inputs (`batch`) and the output and error
 * files the gateway writes (`batch_output`). The bytes live on disk (batch/batch-file-storage.ts);
 * a file belongs to the key that created it and no other key can see it.
 */
export type FilePurpose = 'batch' | 'batch_output';

export interface FileRecord {
  /** "file-…" */
  id: string;
  keyHash: string;
  workspaceId: string;
  filename: string;
  purpose: FilePurpose;
  bytes: number;
  /** Lines of a JSONL file. */
  lineCount: number;
  /** ms since epoch. */
  createdAt: number;
  /** The batch an output file belongs to (deleted with it); null for uploads. */
  batchId: string | null;
}

export interface FileStore {
  create(record: FileRecord): Promise<void>;
  /** The file, only when it belongs to `keyHash`. */
  find(id: string, keyHash: string): Promise<FileRecord | undefined>;
  /** The key's files, newest first; `after` is the id of the last file of the previous page. */
  list(query: { keyHash: string; purpose?: FilePurpose; after?: string; limit: number }): Promise<FileRecord[]>;
  delete(id: string): Promise<boolean>;
  /** Every file of a batch (its output and error files). */
  listForBatch(batchId: string): Promise<FileRecord[]>;
  /** Uploaded files created before `cutoff` that no batch still in the store reads (retention). */
  listUnusedBefore(cutoff: number): Promise<FileRecord[]>;
}
