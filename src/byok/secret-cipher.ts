import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import type { EncryptedSecret } from '../stores/byok-key-store.js';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Thrown when a ciphertext does not authenticate under this key (wrong key or tampered data). */
export class SecretDecryptionError extends Error {}

/**
 * AES-256-GCM under a key derived from the master key. Each encryption draws a fresh random
 * 96-bit IV; the 128-bit tag authenticates the ciphertext and the `aad` (the row it belongs to),
 * so a ciphertext copied onto another row does not decrypt. `keyId` identifies the master key
 * without revealing it, and is stored beside every ciphertext.
 */
export class SecretCipher {
  readonly keyId: string;
  readonly #key: Buffer;

  /** `masterKey`: the master key as configured or generated (at least 32 characters). */
  constructor(masterKey: string) {
    const material = Buffer.from(masterKey, 'utf8');
    this.#key = Buffer.from(hkdfSync('sha256', material, 'switchyard', 'byok aes-256-gcm v1', 32));
    this.keyId = createHash('sha256').update('switchyard key id v1').update(this.#key).digest('hex').slice(0, 16);
  }

  /**
   * A secret derived from the master key for `purpose` and `id` (e.g. an alert webhook's signing
   * secret): never stored, recomputed when needed, different for every id and purpose, and not
   * revealing the master key. It changes when the master key is rotated.
   */
  deriveSecret(purpose: string, id: string): string {
    return Buffer.from(hkdfSync('sha256', this.#key, id, `switchyard derived secret v1: ${purpose}`, 32)).toString('base64url');
  }

  encrypt(plaintext: string, aad: string): EncryptedSecret {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { keyId: this.keyId, iv, authTag: cipher.getAuthTag(), ciphertext };
  }

  /** The plaintext, or SecretDecryptionError when the key or the data is not the right one. */
  decrypt(secret: EncryptedSecret, aad: string): string {
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, secret.iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(secret.authTag);
      return Buffer.concat([decipher.update(secret.ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretDecryptionError(`cannot decrypt a secret stored under master key ${secret.keyId} with master key ${this.keyId}`);
    }
  }
}
