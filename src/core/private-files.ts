/**
 * Files the gateway keeps for itself (the SQLite database and its -wal/-shm, the generated admin
 * and master key files, the data directory) are private to its OS user: 0600 for files, 0700 for
 * directories. Existing ones with looser modes are tightened and reported, so the caller can log
 * a warning. Start-up only: synchronous file-system calls.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** A path whose mode was looser than private and has been tightened. */
export interface TightenedPath {
  path: string;
  /** Permission bits before, e.g. '644'. */
  from: string;
  to: string;
}

export type OnTightened = (tightened: TightenedPath) => void;

/**
 * Creates `path` (and missing parents) as a 0700 directory, or tightens an existing one. A shared
 * sticky directory such as /tmp is never changed (it is not ours to close).
 */
export function ensurePrivateDir(path: string, onTightened?: OnTightened): void {
  if (!existsSync(path)) {
    mkdirSync(path, { recursive: true, mode: PRIVATE_DIR_MODE });
    // mkdir's mode is filtered by the umask; say it once more without it.
    chmodSync(path, PRIVATE_DIR_MODE);
    return;
  }
  const { mode } = statSync(path);
  if (mode & 0o1000) return;
  tighten(path, mode, PRIVATE_DIR_MODE, onTightened);
}

/** Tightens an existing file to 0600; a missing file is left missing. */
export function tightenPrivateFile(path: string, onTightened?: OnTightened): void {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch {
    return;
  }
  tighten(path, mode, PRIVATE_FILE_MODE, onTightened);
}

/** Creates an empty 0600 file when missing (so a library that opens it later keeps the mode), else tightens it. */
export function ensurePrivateFile(path: string, onTightened?: OnTightened): void {
  if (!existsSync(path)) {
    closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
    chmodSync(path, PRIVATE_FILE_MODE);
    return;
  }
  tightenPrivateFile(path, onTightened);
}

function tighten(path: string, mode: number, wanted: number, onTightened: OnTightened | undefined): void {
  const bits = mode & 0o777;
  // Only ever remove permissions: group and other bits go, the owner's stay as they are.
  if ((bits & 0o077) === 0) return;
  const next = bits & wanted;
  chmodSync(path, next);
  onTightened?.({ path, from: bits.toString(8), to: next.toString(8) });
}
