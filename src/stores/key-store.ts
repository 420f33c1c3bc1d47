/**
 * API keys. Only the SHA-256 hash of a key is stored; the plaintext is shown once at creation.
 * Inference keys call the model APIs; management keys call /api/v1/keys and the other
 * control-plane routes and nothing else.
 */
export type KeyKind = 'inference' | 'management';
export type LimitReset = 'daily' | 'weekly' | 'monthly';

export interface ApiKeyRecord {
  /** SHA-256 hex of the plaintext key: the key's id everywhere. */
  hash: string;
  kind: KeyKind;
  name: string;
  /** Masked plaintext, e.g. "sk-or-v1-abc...123". */
  label: string;
  disabled: boolean;
  /** Spending cap in USD as a decimal string, or null for none. */
  limit: string | null;
  limitReset: LimitReset | null;
  includeByokInLimit: boolean;
  workspaceId: string;
  creatorUserId: string | null;
  /** ISO-8601 timestamps. */
  createdAt: string;
  updatedAt: string | null;
  expiresAt: string | null;
}

export type ApiKeyPatch = Partial<
  Pick<ApiKeyRecord, 'name' | 'disabled' | 'limit' | 'limitReset' | 'includeByokInLimit' | 'expiresAt'>
>;

export interface KeyStore {
  create(record: ApiKeyRecord): Promise<void>;
  findByHash(hash: string): Promise<ApiKeyRecord | undefined>;
  /** Every key, for warming the in-memory auth cache at start-up. */
  listAll(): Promise<ApiKeyRecord[]>;
  list(options: { kind: KeyKind; includeDisabled: boolean; offset: number; limit: number }): Promise<ApiKeyRecord[]>;
  /** Applies the patch and returns the updated record, or undefined when no such key. */
  update(hash: string, patch: ApiKeyPatch, updatedAt: string): Promise<ApiKeyRecord | undefined>;
  delete(hash: string): Promise<boolean>;
}
