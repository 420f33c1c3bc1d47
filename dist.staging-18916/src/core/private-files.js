import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from "node:fs";
const PRIVATE_FILE_MODE = 384;
const PRIVATE_DIR_MODE = 448;
function ensurePrivateDir(path, onTightened) {
  if (!existsSync(path)) {
    mkdirSync(path, { recursive: true, mode: PRIVATE_DIR_MODE });
    chmodSync(path, PRIVATE_DIR_MODE);
    return;
  }
  const { mode } = statSync(path);
  if (mode & 512) return;
  tighten(path, mode, PRIVATE_DIR_MODE, onTightened);
}
function tightenPrivateFile(path, onTightened) {
  let mode;
  try {
    mode = statSync(path).mode;
  } catch {
    return;
  }
  tighten(path, mode, PRIVATE_FILE_MODE, onTightened);
}
function ensurePrivateFile(path, onTightened) {
  if (!existsSync(path)) {
    closeSync(openSync(path, "a", PRIVATE_FILE_MODE));
    chmodSync(path, PRIVATE_FILE_MODE);
    return;
  }
  tightenPrivateFile(path, onTightened);
}
function tighten(path, mode, wanted, onTightened) {
  const bits = mode & 511;
  if ((bits & 63) === 0) return;
  const next = bits & wanted;
  chmodSync(path, next);
  onTightened?.({ path, from: bits.toString(8), to: next.toString(8) });
}
export {
  PRIVATE_DIR_MODE,
  PRIVATE_FILE_MODE,
  ensurePrivateDir,
  ensurePrivateFile,
  tightenPrivateFile
};
//# sourceMappingURL=private-files.js.map
