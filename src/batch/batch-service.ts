import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import type { WorkspaceDirectory } from '../billing/workspace-directory.js';
import { GatewayError, InvalidRequestError, NotFoundError } from '../core/errors/gateway-error.js';
import type { Provider } from '../core/provider-types.js';
import type { InferenceCodec } from '../pipeline/inference-context.js';
import type { ResolvedCatalog } from '../routing/catalog/resolved-catalog.js';
import type { BatchEndpoint, BatchRecord, BatchStore } from '../stores/batch-store.js';
import type { FilePurpose, FileRecord, FileStore } from '../stores/file-store.js';
import type { ApiKeyRecord } from '../stores/key-store.js';
import type { Ledger } from '../stores/ledger.js';
import { BatchFileStorage, FileTooLargeError } from './batch-file-storage.js';
import { checkBatchBudget } from './check-batch-budget.js';
import { isRunnable, parseBatchInput } from './parse-batch-input.js';

export const BATCH_ENDPOINTS: readonly BatchEndpoint[] = ['/v1/chat/completions', '/v1/embeddings'];
export const COMPLETION_WINDOWS: Record<string, number> = { '24h': 24 * 3_600_000 };

/** An upload on disk, not yet a file record. */
export interface SavedUpload {
  id: string;
  bytes: number;
  lines: number;
}

export interface BatchServiceOptions {
  store: BatchStore;
  files: FileStore;
  storage: BatchFileStorage;
  codecs: Record<BatchEndpoint, InferenceCodec>;
  catalog: ResolvedCatalog;
  directory: WorkspaceDirectory;
  ledger: Ledger;
  /** The billing clock (budget windows). */
  now: () => Date;
  maxFileBytes: number;
  maxLines: number;
  /** True when the provider has a batch API a chat batch can run in (the budget check prices such batches at its batch price). */
  hasNativeBatch?: (provider: Provider) => boolean;
  /** A batch was created or cancelled: its driver should look now. */
  onChange: () => void;
  log: Logger;
}

/**
 * The Files and Batches API for one key, in OpenAI's terms: uploads (purpose `batch`) kept on disk,
 * batches created after their worst case fits the key's budgets, cancel, listing. A key sees only
 * its own files and batches (another key gets a 404, as for an id that does not exist).
 */
export class BatchService {
  readonly #options: BatchServiceOptions;

  constructor(options: BatchServiceOptions) {
    this.#options = options;
  }

  /** Streams an upload to disk before its form fields are known (clients send the file part first). */
  async saveUpload(stream: Readable): Promise<SavedUpload> {
    const id = `file-${randomBytes(12).toString('hex')}`;
    const { maxFileBytes } = this.#options;
    try {
      return { id, ...(await this.#options.storage.saveStream(id, stream, maxFileBytes)) };
    } catch (error) {
      stream.resume();
      if (error instanceof FileTooLargeError || (error as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE') {
        throw new GatewayError('payload_too_large', { message: `The file is larger than the ${maxFileBytes}-byte limit (config batch.max_file_bytes).` });
      }
      throw error;
    }
  }

  /** Keeps a saved upload as the key's file once its purpose and size are right; removes it otherwise. */
  async registerUpload(options: { key: ApiKeyRecord; filename: string; purpose: string | undefined; saved: SavedUpload }): Promise<FileRecord> {
    const { saved } = options;
    const { maxLines } = this.#options;
    const refuse = async (message: string) => {
      await this.#options.storage.remove(saved.id);
      return new InvalidRequestError(message);
    };
    if (options.purpose !== 'batch') {
      throw await refuse(`purpose must be "batch" (the only purpose this gateway stores files for), got ${JSON.stringify(options.purpose ?? null)}`);
    }
    if (saved.lines > maxLines) throw await refuse(`The file has ${saved.lines} lines; a batch input may have at most ${maxLines} (config batch.max_lines).`);
    const record: FileRecord = {
      id: saved.id,
      keyHash: options.key.hash,
      workspaceId: options.key.workspaceId,
      filename: options.filename,
      purpose: 'batch',
      bytes: saved.bytes,
      lineCount: saved.lines,
      createdAt: Date.now(),
      batchId: null,
    };
    await this.#options.files.create(record);
    return record;
  }

  /** Removes an upload that will not be registered (the form was incomplete). */
  async discardUpload(saved: SavedUpload): Promise<void> {
    await this.#options.storage.remove(saved.id);
  }

  async getFile(id: string, key: ApiKeyRecord): Promise<FileRecord> {
    const file = await this.#options.files.find(id, key.hash);
    if (!file) throw new NotFoundError(`No such file: ${id}`);
    return file;
  }

  listFiles(key: ApiKeyRecord, query: { purpose?: FilePurpose; after?: string; limit: number }): Promise<FileRecord[]> {
    return this.#options.files.list({ keyHash: key.hash, ...query });
  }

  async fileContent(id: string, key: ApiKeyRecord): Promise<Buffer> {
    const file = await this.getFile(id, key);
    return this.#options.storage.read(file.id);
  }

  async deleteFile(id: string, key: ApiKeyRecord): Promise<void> {
    const file = await this.getFile(id, key);
    await this.#options.storage.remove(file.id);
    await this.#options.files.delete(file.id);
  }

  async createBatch(options: { key: ApiKeyRecord; inputFileId: string; endpoint: string; completionWindow: string; metadata: Record<string, string> | null }): Promise<BatchRecord> {
    const endpoint = BATCH_ENDPOINTS.find((known) => known === options.endpoint);
    if (!endpoint) throw new InvalidRequestError(`endpoint must be one of ${BATCH_ENDPOINTS.join(', ')}, got ${JSON.stringify(options.endpoint)}`);
    const windowMs = COMPLETION_WINDOWS[options.completionWindow];
    if (windowMs === undefined) throw new InvalidRequestError(`completion_window must be "24h" (the only window supported), got ${JSON.stringify(options.completionWindow)}`);
    const file = await this.#options.files.find(options.inputFileId, options.key.hash);
    if (!file) throw new NotFoundError(`No such file: ${options.inputFileId}`);
    if (file.purpose !== 'batch') throw new InvalidRequestError(`File ${file.id} has purpose "${file.purpose}"; a batch input must be uploaded with purpose "batch".`);
    const text = await this.#options.storage.readText(file.id);
    const lines = parseBatchInput(text, { endpoint, codec: this.#options.codecs[endpoint] });
    if (lines.length === 0) throw new InvalidRequestError(`File ${file.id} has no requests (one JSON object per line).`);
    const now = this.#options.now();
    const hasNativeBatch = endpoint === '/v1/chat/completions' ? this.#options.hasNativeBatch : undefined;
    await checkBatchBudget({ key: options.key, lines: lines.filter(isRunnable), catalog: this.#options.catalog, directory: this.#options.directory, ledger: this.#options.ledger, now, hasNativeBatch });
    const createdAt = Date.now();
    const batch: BatchRecord = {
      id: `batch_${randomBytes(12).toString('hex')}`,
      keyHash: options.key.hash,
      workspaceId: options.key.workspaceId,
      status: 'validating',
      spec: { endpoint, inputFileId: file.id, completionWindow: options.completionWindow, metadata: options.metadata },
      createdAt,
      expiresAt: createdAt + windowMs,
      inProgressAt: null,
      finalizingAt: null,
      completedAt: null,
      failedAt: null,
      expiredAt: null,
      cancellingAt: null,
      cancelledAt: null,
      counts: { total: lines.length, completed: 0, failed: 0 },
      outputFileId: null,
      errorFileId: null,
      state: {},
    };
    await this.#options.store.create(batch);
    this.#options.onChange();
    return batch;
  }

  async getBatch(id: string, key: ApiKeyRecord): Promise<BatchRecord> {
    const batch = await this.#options.store.find(id, key.hash);
    if (!batch) throw new NotFoundError(`No such batch: ${id}`);
    return batch;
  }

  listBatches(key: ApiKeyRecord, query: { after?: string; limit: number }): Promise<BatchRecord[]> {
    return this.#options.store.list({ keyHash: key.hash, ...query });
  }

  /** Stops starting the batch's requests (those in flight finish); the driver then ends it as `cancelled`. */
  async cancel(id: string, key: ApiKeyRecord): Promise<BatchRecord> {
    const batch = await this.getBatch(id, key);
    if (batch.status === 'cancelling' || batch.status === 'cancelled') return batch;
    const moved = await this.#options.store.transition(id, ['validating', 'in_progress'], 'cancelling', { cancellingAt: Date.now() });
    const current = await this.getBatch(id, key);
    if (!moved && current.status !== 'cancelling') throw new InvalidRequestError(`Batch ${id} is ${current.status} and can no longer be cancelled.`);
    this.#options.onChange();
    return current;
  }
}
