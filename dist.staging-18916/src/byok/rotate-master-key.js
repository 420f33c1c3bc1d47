import { renameSync, rmSync } from "node:fs";
import { byokAad } from "./byok-registry.js";
import { MasterKeyError, writeMasterKeyFile } from "./load-master-key.js";
import { SecretCipher } from "./secret-cipher.js";
import { KEY_CHECK_AAD, KEY_CHECK_PLAINTEXT, unlockByokKeys } from "./unlock-byok-keys.js";
async function rotateMasterKey(options) {
  const { store, current, newKey } = options;
  if (newKey.trim().length < 32) throw new MasterKeyError("The new master key must be at least 32 characters");
  const unlocked = await unlockByokKeys({ store, masterKey: current });
  const next = new SecretCipher(newKey.trim());
  if (next.keyId === unlocked.cipher.keyId) throw new MasterKeyError("The new master key is the same as the current one");
  const secrets = unlocked.keys.map(({ record, apiKey }) => ({ id: record.id, secret: next.encrypt(apiKey, byokAad(record)) }));
  const pendingPath = `${current.path}.next`;
  if (current.source === "file") writeMasterKeyFile(pendingPath, newKey.trim());
  try {
    await store.replaceSecrets({ check: next.encrypt(KEY_CHECK_PLAINTEXT, KEY_CHECK_AAD), secrets });
  } catch (error) {
    if (current.source === "file") rmSync(pendingPath, { force: true });
    throw error;
  }
  if (current.source === "file") renameSync(pendingPath, current.path);
  return { rotated: secrets.length, from: unlocked.cipher.keyId, to: next.keyId };
}
export {
  rotateMasterKey
};
//# sourceMappingURL=rotate-master-key.js.map
