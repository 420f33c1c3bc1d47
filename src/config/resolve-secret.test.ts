import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scrubSecretText } from '../core/secret-registry.js';
import { ConfigError } from './config-error.js';
import { resolveSecret } from './resolve-secret.js';

describe('resolveSecret', () => {
  it('env:NAME reads the environment; unset or empty is undefined; anything else is literal', () => {
    assert.equal(resolveSecret('env:KEY', { KEY: 'sk-from-env' }), 'sk-from-env');
    assert.equal(resolveSecret('env:KEY', { KEY: '' }), undefined);
    assert.equal(resolveSecret('env:KEY', {}), undefined);
    assert.equal(resolveSecret('sk-literal', {}), 'sk-literal');
    assert.equal(resolveSecret(undefined, {}), undefined);
  });

  it('file:PATH reads the file, trims surrounding whitespace and the trailing newline, and registers the value for scrubbing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sy-secret-'));
    try {
      const path = join(dir, 'api-key');
      writeFileSync(path, '  sk-from-file-0123456789\r\n\n');
      assert.equal(resolveSecret(`file:${path}`, {}), 'sk-from-file-0123456789');
      assert.equal(scrubSecretText('leaked sk-from-file-0123456789 here'), 'leaked [REDACTED_KEY] here');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a missing, unreadable or empty file is a ConfigError naming the path, never the content', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sy-secret-'));
    try {
      const missing = join(dir, 'nope');
      assert.throws(() => resolveSecret(`file:${missing}`, {}), (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, new RegExp(`Cannot read secret file ${missing.replace(/[/\\]/g, '.')} \\(ENOENT\\)`));
        return true;
      });
      const empty = join(dir, 'empty');
      writeFileSync(empty, ' \n');
      assert.throws(() => resolveSecret(`file:${empty}`, {}), { name: 'ConfigError', message: `Secret file ${empty} is empty` });
      assert.throws(() => resolveSecret(`file:${dir}`, {}), { name: 'ConfigError', message: new RegExp(`${dir.replace(/[/\\]/g, '.')} \\(EISDIR\\)`) });
      if (process.getuid?.() !== 0) {
        const locked = join(dir, 'locked');
        writeFileSync(locked, 'sk-locked-content-1234');
        chmodSync(locked, 0o000);
        assert.throws(() => resolveSecret(`file:${locked}`, {}), (error: unknown) => {
          assert.ok(error instanceof ConfigError);
          assert.match(error.message, /\(EACCES\)/);
          assert.doesNotMatch(error.message, /sk-locked/);
          return true;
        });
      }
      assert.throws(() => resolveSecret('file:', {}), { name: 'ConfigError' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
