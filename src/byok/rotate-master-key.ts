import { renameSync, rmSync } from 'node:fs';
import type { ByokKeyStore } from '../stores/byok-key-store.js';
import { byokAad } from './byok-registry.js';
import { MasterKeyError, writeMasterKeyFile, type MasterKey } from './load-master-key.js';
import { SecretCipher } from './secret-cipher.js';
import { KEY_CHECK_AAD, KEY_CHECK_PLAINTEXT, unlockByokKeys } from './unlock-byok-keys.js';

/**
 * Re-encrypts every BYOK key and the key check under `newKey`, in one database transaction.
 * The current key must open the database first (a wrong one changes nothing). When the current
 * key lives in `<data_dir>/master-key`, the new one is written beside it as `master-key.next`
 * before the commit and renamed over it after, so a crash in between is completed at the next
 * start (see unlockByokKeys) and no moment exists where the only copy of the key in use is lost.
 * Run it while the gateway is stopped: a running gateway keeps encrypting under the old key.
 */
export async function rotateMasterKey(options: { store: ByokKeyStore; current: MasterKey; newKey: string }): Promise<{ rotated: number; from: string; to: string }> {
  const { store, current, newKey } = options;
  if (newKey.trim().length < 32) throw new MasterKeyError('The new master key must be at least 32 characters');
  const unlocked = await unlockByokKeys({ store, masterKey: current });
  const next = new SecretCipher(newKey.trim());
  if (next.keyId === unlocked.cipher.keyId) throw new MasterKeyError('The new master key is the same as the current one');
  const secrets = unlocked.keys.map(({ record, apiKey }) => ({ id: record.id, secret: next.encrypt(apiKey, byokAad(record)) }));
  const pendingPath = `${current.path}.next`;
  if (current.source === 'file') writeMasterKeyFile(pendingPath, newKey.trim());
  try {
    await store.replaceSecrets({ check: next.encrypt(KEY_CHECK_PLAINTEXT, KEY_CHECK_AAD), secrets });
  } catch (error) {
    if (current.source === 'file') rmSync(pendingPath, { force: true });
    throw error;
  }
  if (current.source === 'file') renameSync(pendingPath, current.path);
  return { rotated: secrets.length, from: unlocked.cipher.keyId, to: next.keyId };
}
