/**
 * BYOK provider keys of a workspace, stored encrypted (see byok/secret-cipher.ts). Stores see
 * only ciphertext; decryption happens once at start-up and on each change, in memory.
 */

/** AES-256-GCM output and the id of the master key that produced it. */
export interface EncryptedSecret {
  keyId: string;
  iv: Uint8Array;
  authTag: Uint8Array;
  ciphertext: Uint8Array;
}

export interface ByokKeyRecord {
  /** UUID. */
  id: string;
  workspaceId: string;
  /** Provider slug, e.g. "openai", "anthropic". */
  provider: string;
  name: string;
  /** Masked key for listings, e.g. "sk-p...7f3a". */
  label: string;
  disabled: boolean;
  /** Never fall back to the pooled key for this provider when this key fails. */
  alwaysUse: boolean;
  /** Tried after the pooled key instead of before it. */
  isFallback: boolean;
  /** Model ids the key may serve; null = all. */
  allowedModels: string[] | null;
  /** Order among a workspace's keys for one provider (lower first). */
  sortOrder: number;
  secret: EncryptedSecret;
  createdAt: string;
  updatedAt: string | null;
}

export type ByokKeyPatch = Partial<Pick<ByokKeyRecord, 'name' | 'label' | 'disabled' | 'alwaysUse' | 'isFallback' | 'allowedModels' | 'sortOrder' | 'secret'>>;

export interface ByokKeyStore {
  create(record: ByokKeyRecord): Promise<void>;
  /** Every key of every workspace, ordered by workspace, provider, sort order, creation. */
  listAll(): Promise<ByokKeyRecord[]>;
  update(id: string, patch: ByokKeyPatch, updatedAt: string): Promise<ByokKeyRecord | undefined>;
  delete(id: string): Promise<boolean>;
  /** The known value encrypted under the current master key, or undefined before the first start. */
  getKeyCheck(): Promise<EncryptedSecret | undefined>;
  /**
   * Atomically replaces the key check and the secrets of the given keys (master-key rotation
   * and first start): either all change or none do.
   */
  replaceSecrets(options: { check: EncryptedSecret; secrets: Array<{ id: string; secret: EncryptedSecret }> }): Promise<void>;
}
