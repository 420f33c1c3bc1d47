import { existsSync, readFileSync, renameSync } from "node:fs";
import { byokAad } from "./byok-registry.js";
import { MasterKeyError } from "./load-master-key.js";
import { SecretCipher, SecretDecryptionError } from "./secret-cipher.js";
const KEY_CHECK_PLAINTEXT = "switchyard master key check v1";
const KEY_CHECK_AAD = "master-key-check";
async function unlockByokKeys(options) {
  const { store, masterKey } = options;
  const notes = [];
  let cipher = new SecretCipher(masterKey.value);
  const check = await store.getKeyCheck();
  const records = await store.listAll();
  const stampCheck = () => store.replaceSecrets({ check: cipher.encrypt(KEY_CHECK_PLAINTEXT, KEY_CHECK_AAD), secrets: [] });
  if (check && !opens(cipher, check)) {
    const next = `${masterKey.path}.next`;
    const pending = masterKey.source === "file" && existsSync(next) ? new SecretCipher(readFileSync(next, "utf8").trim()) : void 0;
    if (pending && opens(pending, check)) {
      renameSync(next, masterKey.path);
      cipher = pending;
      notes.push(`completed an interrupted master-key rotation: ${masterKey.path} now holds the new key`);
    } else if (records.length === 0) {
      await stampCheck();
      notes.push(`the master key changed (was ${check.keyId}, now ${cipher.keyId}); no BYOK keys were stored, so nothing was lost`);
    } else {
      throw new MasterKeyError(
        `The master key (id ${cipher.keyId}, from ${masterKey.source === "file" ? masterKey.path : "master_key / SWITCHYARD_MASTER_KEY"}) is not the one that encrypted this database's ${records.length} BYOK key(s) (id ${check.keyId}). Start with the original master key; to change keys, run \`switchyard master-key rotate\` with the original in place.`
      );
    }
  } else if (!check) {
    await stampCheck();
  }
  const keys = [];
  for (const record of records) {
    try {
      keys.push({ record, apiKey: cipher.decrypt(record.secret, byokAad(record)) });
    } catch (error) {
      if (!(error instanceof SecretDecryptionError)) throw error;
      throw new MasterKeyError(`BYOK key ${record.id} (${record.provider}, workspace ${record.workspaceId}) does not decrypt with master key ${cipher.keyId}: the database row was altered or encrypted under another key.`);
    }
  }
  return { cipher, keys, notes };
}
function opens(cipher, check) {
  try {
    return cipher.decrypt(check, KEY_CHECK_AAD) === KEY_CHECK_PLAINTEXT;
  } catch {
    return false;
  }
}
export {
  KEY_CHECK_AAD,
  KEY_CHECK_PLAINTEXT,
  unlockByokKeys
};
//# sourceMappingURL=unlock-byok-keys.js.map
