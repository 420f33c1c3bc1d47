import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretFileWatcher } from './secret-file-watcher.js';

/** Waits until `check` holds, polling; fails after `ms`. */
async function eventually(check: () => boolean, ms = 3_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function withDir(run: (dir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sy-watch-'));
    try {
      await run(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

describe('SecretFileWatcher', { timeout: 20_000 }, () => {
  it('follows a file rewritten in place, and one replaced by a rename', withDir(async (dir) => {
    const path = join(dir, 'key');
    writeFileSync(path, 'sk-one-0000\n');
    const seen: string[] = [];
    const rotated: string[] = [];
    const watcher = new SecretFileWatcher({ debounceMs: 20, onRotated: (p) => rotated.push(p) });
    try {
      watcher.follow(path, 'sk-one-0000', (value) => seen.push(value));
      writeFileSync(path, 'sk-two-0000\n');
      await eventually(() => seen.at(-1) === 'sk-two-0000');
      writeFileSync(join(dir, 'key.tmp'), 'sk-three-0000');
      renameSync(join(dir, 'key.tmp'), path);
      await eventually(() => seen.at(-1) === 'sk-three-0000');
      assert.deepEqual(seen, ['sk-two-0000', 'sk-three-0000'], 'each change once, none for unchanged content');
      assert.deepEqual(rotated, [path, path]);
    } finally {
      watcher.close();
    }
  }));

  it('follows a Kubernetes secret volume update: the ..data symlink flipped to a new directory', withDir(async (dir) => {
    mkdirSync(join(dir, '..2026_12_04_09_00_00.1'));
    writeFileSync(join(dir, '..2026_12_04_09_00_00.1', 'api-key'), 'sk-k8s-old\n');
    symlinkSync('..2026_12_04_09_00_00.1', join(dir, '..data'));
    symlinkSync('..data/api-key', join(dir, 'api-key'));
    const path = join(dir, 'api-key');
    const seen: string[] = [];
    const watcher = new SecretFileWatcher({ debounceMs: 20 });
    try {
      watcher.follow(path, 'sk-k8s-old', (value) => seen.push(value));
      // What the kubelet does: write a new timestamped dir, point ..data_tmp at it, rename over ..data, remove the old dir.
      mkdirSync(join(dir, '..2026_12_04_09_05_00.2'));
      writeFileSync(join(dir, '..2026_12_04_09_05_00.2', 'api-key'), 'sk-k8s-new\n');
      symlinkSync('..2026_12_04_09_05_00.2', join(dir, '..data_tmp'));
      renameSync(join(dir, '..data_tmp'), join(dir, '..data'));
      rmSync(join(dir, '..2026_12_04_09_00_00.1'), { recursive: true });
      await eventually(() => seen.at(-1) === 'sk-k8s-new');
      assert.deepEqual(seen, ['sk-k8s-new']);
    } finally {
      watcher.close();
    }
  }));

  it('the timer alone (no directory events) picks up a change', withDir(async (dir) => {
    const path = join(dir, 'key');
    writeFileSync(path, 'sk-poll-one');
    const seen: string[] = [];
    const watcher = new SecretFileWatcher({ watchDirectories: false, pollIntervalMs: 50 });
    try {
      watcher.follow(path, 'sk-poll-one', (value) => seen.push(value));
      await new Promise((resolve) => setTimeout(resolve, 120));
      assert.deepEqual(seen, []);
      writeFileSync(path, 'sk-poll-two-longer');
      await eventually(() => seen.at(-1) === 'sk-poll-two-longer');
    } finally {
      watcher.close();
    }
  }));

  it('a file that disappears or turns empty keeps the last good value, is reported once, and recovers', withDir(async (dir) => {
    const path = join(dir, 'key');
    writeFileSync(path, 'sk-good-1');
    const seen: string[] = [];
    const errors: Array<[string, string]> = [];
    const watcher = new SecretFileWatcher({ debounceMs: 20, pollIntervalMs: 50, onError: (p, reason) => errors.push([p, reason]) });
    try {
      watcher.follow(path, 'sk-good-1', (value) => seen.push(value));
      unlinkSync(path);
      await eventually(() => errors.length === 1);
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.deepEqual(errors, [[path, 'ENOENT']], 'reported once although the timer keeps looking');
      writeFileSync(path, '\n');
      await eventually(() => errors.length === 2);
      assert.deepEqual(errors[1], [path, 'the file is empty']);
      assert.deepEqual(seen, [], 'no empty or missing value is ever handed out');
      writeFileSync(path, 'sk-good-2\n');
      await eventually(() => seen.at(-1) === 'sk-good-2');
    } finally {
      watcher.close();
    }
  }));
});
