import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { ensurePrivateDir, tightenPrivateFile, type OnTightened } from '../core/private-files.js';
import { dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';

/** A master key problem that must stop the start (printed without a stack, exit code 2). */
export class MasterKeyError extends Error {}

export interface MasterKey {
  /** The key as configured or generated; never logged. */
  value: string;
  /** Where it came from: config/env, or a file in the data directory. */
  source: 'configured' | 'file';
  /** The file holding it (source `file`). */
  path: string;
  created: boolean;
}

const MIN_LENGTH = 32;

/** `<data_dir>/master-key`: where a generated master key lives. */
export function masterKeyPath(dataDir: string): string {
  return resolve(join(dataDir, 'master-key'));
}

/** A fresh master key: 32 random bytes, base64url (43 characters). */
export function generateMasterKey(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The master key that encrypts BYOK keys: `master_key` / SWITCHYARD_MASTER_KEY when set, else
 * `<data_dir>/master-key`, generated with mode 0600 on first start. Start-up only (sync I/O).
 */
export function loadMasterKey(options: { configured: string | undefined; dataDir: string; onTightened?: OnTightened }): MasterKey {
  const path = masterKeyPath(options.dataDir);
  if (options.configured !== undefined) {
    const value = options.configured.trim();
    if (value.length < MIN_LENGTH) {
      throw new MasterKeyError(`master_key / SWITCHYARD_MASTER_KEY must be at least ${MIN_LENGTH} characters (e.g. the output of \`openssl rand -base64 32\`)`);
    }
    return { value, source: 'configured', path, created: false };
  }
  if (existsSync(path)) {
    // Tightened to 0600 when it is readable by others (reported to `onTightened`).
    tightenPrivateFile(path, options.onTightened);
    const value = readFileSync(path, 'utf8').trim();
    if (value.length < MIN_LENGTH) throw new MasterKeyError(`${path} does not hold a master key of at least ${MIN_LENGTH} characters`);
    return { value, source: 'file', path, created: false };
  }
  ensurePrivateDir(dirname(path), options.onTightened);
  const value = generateMasterKey();
  writeMasterKeyFile(path, value);
  return { value, source: 'file', path, created: true };
}

/** Writes a key file readable by the owner only. */
export function writeMasterKeyFile(path: string, value: string): void {
  writeFileSync(path, `${value}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}
