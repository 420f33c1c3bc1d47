import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { ensurePrivateDir, tightenPrivateFile, type OnTightened } from '../core/private-files.js';
import { dirname, join, resolve } from 'node:path';
import type { ApiKeyRecord } from '../stores/key-store.js';
import { registerSecret } from '../core/secret-registry.js';
import { hashApiKey, maskApiKey, mintApiKey } from './mint-api-key.js';

export interface ManagementKey {
  record: ApiKeyRecord;
  /** Where the generated key was written, when it came from the data directory. */
  path: string | undefined;
  created: boolean;
}

/**
 * The management key: the configured one (`admin_key` / SWITCHYARD_ADMIN_KEY), or the one
 * generated on first start into `<data_dir>/admin-key` with mode 0600. Only its hash stays
 * in memory.
 * An existing file readable by others is tightened to 0600 (reported to `onTightened`).
 */
export function loadManagementKey(options: { configured: string | undefined; dataDir: string; onTightened?: OnTightened }): ManagementKey {
  if (options.configured) return { record: toRecord(options.configured), path: undefined, created: false };
  const path = resolve(join(options.dataDir, 'admin-key'));
  if (existsSync(path)) {
    tightenPrivateFile(path, options.onTightened);
    const plaintext = readFileSync(path, 'utf8').trim();
    return { record: toRecord(plaintext), path, created: false };
  }
  ensurePrivateDir(dirname(path), options.onTightened);
  const { plaintext } = mintApiKey();
  writeFileSync(path, `${plaintext}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return { record: toRecord(plaintext), path, created: true };
}

function toRecord(plaintext: string): ApiKeyRecord {
  registerSecret(plaintext);
  return {
    hash: hashApiKey(plaintext),
    kind: 'management',
    name: 'Management key',
    label: maskApiKey(plaintext),
    disabled: false,
    limit: null,
    limitReset: null,
    includeByokInLimit: false,
    workspaceId: 'default',
    creatorUserId: null,
    createdAt: new Date(0).toISOString(),
    updatedAt: null,
    expiresAt: null,
  };
}
