import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { ensurePrivateDir, tightenPrivateFile } from "../core/private-files.js";
import { dirname, join, resolve } from "node:path";
import { randomBytes } from "node:crypto";
class MasterKeyError extends Error {
}
const MIN_LENGTH = 32;
function masterKeyPath(dataDir) {
  return resolve(join(dataDir, "master-key"));
}
function generateMasterKey() {
  return randomBytes(32).toString("base64url");
}
function loadMasterKey(options) {
  const path = masterKeyPath(options.dataDir);
  if (options.configured !== void 0) {
    const value2 = options.configured.trim();
    if (value2.length < MIN_LENGTH) {
      throw new MasterKeyError(`master_key / SWITCHYARD_MASTER_KEY must be at least ${MIN_LENGTH} characters (e.g. the output of \`openssl rand -base64 32\`)`);
    }
    return { value: value2, source: "configured", path, created: false };
  }
  if (existsSync(path)) {
    tightenPrivateFile(path, options.onTightened);
    const value2 = readFileSync(path, "utf8").trim();
    if (value2.length < MIN_LENGTH) throw new MasterKeyError(`${path} does not hold a master key of at least ${MIN_LENGTH} characters`);
    return { value: value2, source: "file", path, created: false };
  }
  ensurePrivateDir(dirname(path), options.onTightened);
  const value = generateMasterKey();
  writeMasterKeyFile(path, value);
  return { value, source: "file", path, created: true };
}
function writeMasterKeyFile(path, value) {
  writeFileSync(path, `${value}
`, { mode: 384 });
  chmodSync(path, 384);
}
export {
  MasterKeyError,
  generateMasterKey,
  loadMasterKey,
  masterKeyPath,
  writeMasterKeyFile
};
//# sourceMappingURL=load-master-key.js.map
