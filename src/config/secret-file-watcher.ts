import { watch, type FSWatcher } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { registerSecret } from '../core/secret-registry.js';
import { parseSecretFile } from './resolve-secret.js';

/** Events in a watched directory are gathered this long before the files are re-read (an editor's write, a `..data` flip). */
const DEBOUNCE_MS = 100;
/** The backstop: every followed file is stat'ed this often, for changes no directory event reports (bind mounts, network filesystems). */
const POLL_INTERVAL_MS = 30_000;

interface Followed {
  path: string;
  value: string;
  /** inode, size, mtime and ctime of the file the path led to when last looked at. */
  signature: string | undefined;
  listeners: Array<(value: string) => void>;
  /** The last failure reported, so a file that stays broken is reported once. */
  failure: string | undefined;
  /** Reloads run one after another, so a slow earlier read never lands after a later one. */
  queue: Promise<void>;
  /** Directories watched for it: the path's own, and the one of the file a symlinked path leads to. */
  dirs: Set<string>;
}

/**
 * Follows `file:PATH` secrets after start, so a rotated key is used from the next request on
 * without a restart. A file may be rewritten in place, replaced by a rename, or swapped as
 * Kubernetes updates secret volumes (the `..data` symlink flipped to a new timestamped
 * directory): so the file's DIRECTORY is watched — a watch on the file itself would stay on the
 * replaced inode — and every event there re-reads its followed files after a short debounce. A
 * slow timer re-stats each file as a backstop. A file that cannot be read or is empty keeps
 * the last good value and is reported (its path and reason, never content).
 */
export class SecretFileWatcher {
  readonly #files = new Map<string, Followed>();
  readonly #dirs = new Map<string, FSWatcher>();
  readonly #pending = new Map<string, NodeJS.Timeout>();
  readonly #onRotated: (path: string) => void;
  readonly #onError: (path: string, reason: string) => void;
  readonly #debounceMs: number;
  readonly #watchDirectories: boolean;
  readonly #poll: NodeJS.Timeout;
  #closed = false;

  constructor(options: {
    /** A followed file changed and its new value is in use. */
    onRotated?: (path: string) => void;
    /** A followed file could not be re-read (or was empty): its last good value stays in use. */
    onError?: (path: string, reason: string) => void;
    debounceMs?: number;
    pollIntervalMs?: number;
    /** false: the timer alone (tests of the backstop). */
    watchDirectories?: boolean;
  } = {}) {
    this.#onRotated = options.onRotated ?? (() => undefined);
    this.#onError = options.onError ?? (() => undefined);
    this.#debounceMs = options.debounceMs ?? DEBOUNCE_MS;
    this.#watchDirectories = options.watchDirectories ?? true;
    this.#poll = setInterval(() => void this.#pollAll(), options.pollIntervalMs ?? POLL_INTERVAL_MS);
    this.#poll.unref();
  }

  /**
   * Calls `onChange` with the file's new value whenever it changes. `current` is the value read
   * at start (`resolveSecret`); a change made since is picked up at once.
   */
  follow(path: string, current: string, onChange: (value: string) => void): void {
    if (this.#closed) return;
    let followed = this.#files.get(path);
    if (!followed) {
      followed = { path, value: current, signature: undefined, listeners: [], failure: undefined, queue: Promise.resolve(), dirs: new Set([dirname(path)]) };
      this.#files.set(path, followed);
      this.#watchDirectory(dirname(path));
    }
    followed.listeners.push(onChange);
    void this.#reload(followed);
  }

  /** Stops watching (the gateway is stopping). */
  close(): void {
    this.#closed = true;
    clearInterval(this.#poll);
    for (const timer of this.#pending.values()) clearTimeout(timer);
    this.#pending.clear();
    for (const watcher of this.#dirs.values()) watcher.close();
    this.#dirs.clear();
  }

  #watchDirectory(dir: string): void {
    if (!this.#watchDirectories || this.#dirs.has(dir) || this.#closed) return;
    try {
      const watcher = watch(dir, { persistent: false }, () => this.#schedule(dir));
      // The directory went away (an unmounted volume): the timer keeps looking, and watches again when it is back.
      watcher.on('error', () => {
        watcher.close();
        this.#dirs.delete(dir);
      });
      this.#dirs.set(dir, watcher);
    } catch {
      // Not watchable now (missing, no inotify slots left): the timer is the backstop.
    }
  }

  #schedule(dir: string): void {
    if (this.#closed) return;
    clearTimeout(this.#pending.get(dir));
    const timer = setTimeout(() => {
      this.#pending.delete(dir);
      for (const followed of this.#files.values()) if (followed.dirs.has(dir)) void this.#reload(followed);
    }, this.#debounceMs);
    timer.unref();
    this.#pending.set(dir, timer);
  }

  async #pollAll(): Promise<void> {
    for (const followed of this.#files.values()) {
      for (const dir of followed.dirs) this.#watchDirectory(dir);
      const signature = await signatureOf(followed.path);
      if (signature === undefined || signature !== followed.signature) await this.#reload(followed);
    }
  }

  #reload(followed: Followed): Promise<void> {
    followed.queue = followed.queue.then(() => this.#read(followed));
    return followed.queue;
  }

  async #read(followed: Followed): Promise<void> {
    let value: string;
    try {
      const signature = await signatureOf(followed.path);
      value = parseSecretFile(await readFile(followed.path, 'utf8'));
      followed.signature = signature;
      await this.#followTarget(followed);
    } catch (error) {
      this.#fail(followed, (error as NodeJS.ErrnoException).code ?? 'unreadable');
      return;
    }
    if (this.#closed) return;
    if (value === '') {
      this.#fail(followed, 'the file is empty');
      return;
    }
    followed.failure = undefined;
    if (value === followed.value) return;
    registerSecret(value);
    followed.value = value;
    for (const listener of followed.listeners) listener(value);
    this.#onRotated(followed.path);
  }

  /**
   * A symlinked path (`key` → `..data/key` → `..2026_…/key`): the target's directory is watched
   * too, so a target rewritten in place is seen; a directory no file leads to any more (the
   * kubelet removed the old timestamped one) is let go.
   */
  async #followTarget(followed: Followed): Promise<void> {
    const own = dirname(followed.path);
    const target = dirname(await realpath(followed.path));
    if (this.#closed || followed.dirs.has(target)) return;
    followed.dirs = new Set(target === own ? [own] : [own, target]);
    this.#watchDirectory(target);
    const wanted = new Set([...this.#files.values()].flatMap((file) => [...file.dirs]));
    for (const [dir, watcher] of this.#dirs) {
      if (wanted.has(dir)) continue;
      watcher.close();
      this.#dirs.delete(dir);
    }
  }

  #fail(followed: Followed, reason: string): void {
    followed.signature = undefined;
    if (this.#closed || followed.failure === reason) return;
    followed.failure = reason;
    this.#onError(followed.path, reason);
  }
}

async function signatureOf(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    return `${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}`;
  } catch {
    return undefined;
  }
}
