const copySecret = (secret) => ({
  keyId: secret.keyId,
  iv: Uint8Array.from(secret.iv),
  authTag: Uint8Array.from(secret.authTag),
  ciphertext: Uint8Array.from(secret.ciphertext)
});
const copy = (record) => ({
  ...record,
  allowedModels: record.allowedModels ? [...record.allowedModels] : null,
  secret: copySecret(record.secret)
});
class MemoryByokKeyStore {
  #rows = /* @__PURE__ */ new Map();
  #check;
  async create(record) {
    if (this.#rows.has(record.id)) throw new Error(`BYOK key ${record.id} already exists`);
    this.#rows.set(record.id, copy(record));
  }
  async listAll() {
    return [...this.#rows.values()].sort((a, b) => compare(a.workspaceId, b.workspaceId) || compare(a.provider, b.provider) || a.sortOrder - b.sortOrder || compare(a.createdAt, b.createdAt) || compare(a.id, b.id)).map(copy);
  }
  async update(id, patch, updatedAt) {
    const row = this.#rows.get(id);
    if (!row) return void 0;
    const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== void 0));
    const updated = copy({ ...row, ...defined, updatedAt });
    this.#rows.set(id, updated);
    return copy(updated);
  }
  async delete(id) {
    return this.#rows.delete(id);
  }
  async getKeyCheck() {
    return this.#check && copySecret(this.#check);
  }
  async replaceSecrets(options) {
    for (const { id } of options.secrets) if (!this.#rows.has(id)) throw new Error(`BYOK key ${id} does not exist`);
    this.#check = copySecret(options.check);
    for (const { id, secret } of options.secrets) this.#rows.set(id, { ...this.#rows.get(id), secret: copySecret(secret) });
  }
}
function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
export {
  MemoryByokKeyStore
};
//# sourceMappingURL=memory-byok-key-store.js.map
