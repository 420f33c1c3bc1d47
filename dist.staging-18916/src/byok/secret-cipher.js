import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
const IV_BYTES = 12;
const TAG_BYTES = 16;
class SecretDecryptionError extends Error {
}
class SecretCipher {
  keyId;
  #key;
  /** `masterKey`: the master key as configured or generated (at least 32 characters). */
  constructor(masterKey) {
    const material = Buffer.from(masterKey, "utf8");
    this.#key = Buffer.from(hkdfSync("sha256", material, "switchyard", "byok aes-256-gcm v1", 32));
    this.keyId = createHash("sha256").update("switchyard key id v1").update(this.#key).digest("hex").slice(0, 16);
  }
  encrypt(plaintext, aad) {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.#key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(aad, "utf8"));
    const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return { keyId: this.keyId, iv, authTag: cipher.getAuthTag(), ciphertext };
  }
  /** The plaintext, or SecretDecryptionError when the key or the data is not the right one. */
  decrypt(secret, aad) {
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.#key, secret.iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(aad, "utf8"));
      decipher.setAuthTag(secret.authTag);
      return Buffer.concat([decipher.update(secret.ciphertext), decipher.final()]).toString("utf8");
    } catch {
      throw new SecretDecryptionError(`cannot decrypt a secret stored under master key ${secret.keyId} with master key ${this.keyId}`);
    }
  }
}
export {
  SecretCipher,
  SecretDecryptionError
};
//# sourceMappingURL=secret-cipher.js.map
