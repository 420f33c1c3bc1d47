import type { ByokKeyPatch, ByokKeyRecord, ByokKeyStore, EncryptedSecret } from '../byok-key-store.js';

const copySecret = (secret: EncryptedSecret): EncryptedSecret => ({
  keyId: secret.keyId,
  iv: Uint8Array.from(secret.iv),
  authTag: Uint8Array.from(secret.authTag),
  ciphertext: Uint8Array.from(secret.ciphertext),
});
const copy = (record: ByokKeyRecord): ByokKeyRecord => ({
  ...record,
  allowedModels: record.allowedModels ? [...record.allowedModels] : null,
  secret: copySecret(record.secret),
});

/** ByokKeyStore in process memory. */
export class MemoryByokKeyStore implements ByokKeyStore {
  readonly #rows = new Map<string, ByokKeyRecord>();
  #check: EncryptedSecret | undefined;

  async create(record: ByokKeyRecord): Promise<void> {
    if (this.#rows.has(record.id)) throw new Error(`BYOK key ${record.id} already exists`);
    this.#rows.set(record.id, copy(record));
  }

  async listAll(): Promise<ByokKeyRecord[]> {
    return [...this.#rows.values()]
      .sort((a, b) => compare(a.workspaceId, b.workspaceId) || compare(a.provider, b.provider) || a.sortOrder - b.sortOrder || compare(a.createdAt, b.createdAt) || compare(a.id, b.id))
      .map(copy);
  }

  async update(id: string, patch: ByokKeyPatch, updatedAt: string): Promise<ByokKeyRecord | undefined> {
    const row = this.#rows.get(id);
    if (!row) return undefined;
    const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
    const updated = copy({ ...row, ...defined, updatedAt });
    this.#rows.set(id, updated);
    return copy(updated);
  }

  async delete(id: string): Promise<boolean> {
    return this.#rows.delete(id);
  }

  async getKeyCheck(): Promise<EncryptedSecret | undefined> {
    return this.#check && copySecret(this.#check);
  }

  async replaceSecrets(options: { check: EncryptedSecret; secrets: Array<{ id: string; secret: EncryptedSecret }> }): Promise<void> {
    for (const { id } of options.secrets) if (!this.#rows.has(id)) throw new Error(`BYOK key ${id} does not exist`);
    this.#check = copySecret(options.check);
    for (const { id, secret } of options.secrets) this.#rows.set(id, { ...(this.#rows.get(id) as ByokKeyRecord), secret: copySecret(secret) });
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
