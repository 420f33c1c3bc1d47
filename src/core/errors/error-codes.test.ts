import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ERROR_CODES } from './error-codes.js';

it('docs/errors.md lists exactly the registry codes with their status and type', () => {
  const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
  const rows = [...doc.matchAll(/^\| `([a-z_]+)` \| (\d{3}) \| ([a-z_]+) \|/gm)].map(([, code, status, type]) => ({ code, status: Number(status), type }));
  const registry = Object.entries(ERROR_CODES).map(([code, entry]) => ({ code, status: entry.status, type: entry.errorType }));
  assert.deepEqual(
    [...rows].sort((a, b) => (a.code! < b.code! ? -1 : 1)),
    [...registry].sort((a, b) => (a.code < b.code ? -1 : 1)),
  );
});
