import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliIo } from './cli-command.js';

/** Options every command that talks to a running gateway accepts. */
export const MANAGEMENT_OPTIONS = {
  url: { type: 'string' },
  'admin-key-file': { type: 'string' },
} as const;

/**
 * Calls the running gateway's management API: `--url` (or SWITCHYARD_URL, default
 * http://127.0.0.1:8080) with the management key from SWITCHYARD_ADMIN_KEY, or from the file
 * the first start wrote (`--admin-key-file`, default ./data/admin-key). Going through the API
 * keeps the gateway's in-memory view (balances enforced, members) current.
 */
export async function callManagementApi(options: {
  io: CliIo;
  values: Record<string, string | boolean | undefined>;
  path: string;
  body?: unknown;
}): Promise<Record<string, any>> {
  const { io, values } = options;
  const base = String(values.url ?? io.env.SWITCHYARD_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');
  const key = io.env.SWITCHYARD_ADMIN_KEY ?? readFileSync(String(values['admin-key-file'] ?? join(io.env.SWITCHYARD_DATA_DIR ?? './data', 'admin-key')), 'utf8').trim();
  const response = await fetch(`${base}/api/v1${options.path}`, {
    method: options.body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${key}`, ...(options.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const json = (await response.json()) as Record<string, any>;
  if (!response.ok) throw new Error(`${response.status} ${json.error?.message ?? JSON.stringify(json)}`);
  return json;
}
