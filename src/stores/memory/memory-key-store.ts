/**
 * KeyStore held in a Map: for tests and for running without a database.
 */
import type { ApiKeyPatch, ApiKeyRecord, KeyKind, KeyStore } from '../key-store.js';

/** In-process keys. Records are copied in and out so callers never share mutable state with it. */
export class MemoryKeyStore implements KeyStore {
  private readonly keys = new Map<string, ApiKeyRecord>();

  async create(record: ApiKeyRecord): Promise<void> {
    // Same rule as the primary key of the SQL backends.
    if (this.keys.has(record.hash)) throw new Error(`Key ${record.hash} already exists`);
    this.keys.set(record.hash, { ...record });
  }

  async findByHash(hash: string): Promise<ApiKeyRecord | undefined> {
    const record = this.keys.get(hash);
    return record && { ...record };
  }

  async listAll(): Promise<ApiKeyRecord[]> {
    return this.sorted([...this.keys.values()]);
  }

  async list(options: { kind: KeyKind; includeDisabled: boolean; offset: number; limit: number }): Promise<ApiKeyRecord[]> {
    const matching = [...this.keys.values()].filter(
      (record) => record.kind === options.kind && (options.includeDisabled || !record.disabled),
    );
    return this.sorted(matching).slice(options.offset, options.offset + options.limit);
  }

  async update(hash: string, patch: ApiKeyPatch, updatedAt: string): Promise<ApiKeyRecord | undefined> {
    const current = this.keys.get(hash);
    if (!current) return undefined;
    const next: ApiKeyRecord = { ...current, updatedAt };
    // `undefined` means "leave unchanged", as in the SQL backends.
    if (patch.name !== undefined) next.name = patch.name;
    if (patch.disabled !== undefined) next.disabled = patch.disabled;
    if (patch.limit !== undefined) next.limit = patch.limit;
    if (patch.limitReset !== undefined) next.limitReset = patch.limitReset;
    if (patch.includeByokInLimit !== undefined) next.includeByokInLimit = patch.includeByokInLimit;
    if (patch.expiresAt !== undefined) next.expiresAt = patch.expiresAt;
    this.keys.set(hash, next);
    return { ...next };
  }

  async delete(hash: string): Promise<boolean> {
    return this.keys.delete(hash);
  }

  /** Copies ordered by createdAt then hash, comparing code units exactly as SQLite's BINARY collation. */
  private sorted(records: ApiKeyRecord[]): ApiKeyRecord[] {
    return records
      .sort((a, b) => compareText(a.createdAt, b.createdAt) || compareText(a.hash, b.hash))
      .map((record) => ({ ...record }));
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
