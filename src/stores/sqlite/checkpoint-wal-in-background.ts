/**
 * WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside the commit that
 * pushes the WAL past its threshold (1,000 pages by default), on the thread that commits: on the
 * gateway that is the event loop, and a checkpoint copies up to the whole WAL into the database and
 * fsyncs both (synchronous=NORMAL syncs at checkpoints), a stall of milliseconds to hundreds of
 * milliseconds for the request whose settlement happened to cross the line and for every request
 * behind it.
 *
 * Instead a worker thread with its own connection to the same file runs a PASSIVE checkpoint once
 * the WAL holds CHECKPOINT_FRAMES frames (SQLite's own default threshold, so pages are copied about
 * as often as before, only on another thread), and then on every poll until the writer has started
 * the WAL over. It polls the count every POLL_INTERVAL_MS
 * from the wal-index header in `<db>-shm` (mxFrame at byte 16, nBackfill at byte 96, native byte
 * order: https://sqlite.org/walformat.html), one small read, so an idle or lightly written database
 * costs no checkpoint and no fsync. PASSIVE never waits for and never blocks the writer; once it
 * has copied every frame, the writer's next transaction starts the WAL over from its beginning. The
 * serving connection's automatic checkpoint stays as a backstop at a much higher threshold
 * (BACKSTOP_PAGES): it only runs if the worker falls that far behind or dies.
 *
 * A second connection in this process is safe: the file claim (claim-sqlite-file.ts) locks
 * `<db>-owner`, not the database, and SQLite's own locks order the two connections.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

/** How often the worker reads how many frames wait in the WAL. */
export const POLL_INTERVAL_MS = 20;
/** The worker checkpoints once the WAL holds this many frames (SQLite's default wal_autocheckpoint). */
export const CHECKPOINT_FRAMES = 1000;
/** The serving connection's own automatic checkpoint, if the worker falls behind this far (pages; ~32 MB at 4 KiB). */
export const BACKSTOP_PAGES = 8192;

/** A running background checkpointer. */
export interface WalCheckpointer {
  /** Stops the worker and closes its connection (before the serving connection closes, so that one is last and tidies the WAL away). */
  stop(): Promise<void>;
}

/**
 * Runs in the worker (CommonJS, evaluated): better-sqlite3 is required by the absolute path the
 * parent resolved, so it works the same from src/ under tsx and from the compiled dist/.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const { openSync, readSync, closeSync } = require('node:fs');
const { endianness } = require('node:os');
const db = new Database(workerData.path, { timeout: 0 });
const shm = openSync(workerData.path + '-shm', 'r');
const header = Buffer.alloc(100);
const littleEndian = endianness() === 'LE';
const timer = setInterval(() => {
  try {
    if (readSync(shm, header, 0, 100, 0) < 100) return;
    const frames = littleEndian ? header.readUInt32LE(16) : header.readUInt32BE(16);
    const copied = littleEndian ? header.readUInt32LE(96) : header.readUInt32BE(96);
    // From the threshold on, every tick copies what waits: the writer starts the WAL over only if
    // it finds every frame copied, which under steady writes needs more than one pass.
    if (frames >= workerData.checkpointFrames && frames > copied) db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    // SQLITE_BUSY (another checkpoint is running) or a transient I/O error: the next tick tries again.
  }
}, workerData.pollMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  closeSync(shm);
  db.close();
  parentPort.close();
});
`;

/**
 * Starts the checkpointer for the database file behind `serving` and raises the serving
 * connection's automatic checkpoint to the backstop. If the worker exits unexpectedly, the serving
 * connection goes back to SQLite's default threshold, so the WAL stays bounded either way.
 */
export function checkpointWalInBackground(serving: BetterSqlite3.Database, path: string): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver, path, pollMs: POLL_INTERVAL_MS, checkpointFrames: CHECKPOINT_FRAMES },
    // One statement on a timer: a small heap keeps the thread at about 2 MB of RSS (16 MB limits: about 8 MB).
    resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 1, stackSizeMb: 1 },
    stdout: false,
    stderr: false,
  });
  // The worker's timer must not keep a stopping process alive.
  worker.unref();
  serving.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  let stopping = false;
  const exited = new Promise<void>((resolve) => {
    worker.once('exit', () => {
      if (!stopping && serving.open) serving.pragma('wal_autocheckpoint = 1000');
      resolve();
    });
  });
  worker.on('error', () => {
    // 'exit' follows and restores the serving connection's own checkpoints.
  });
  return {
    async stop() {
      if (!stopping) {
        stopping = true;
        // Waiting for the worker to finish must keep the process alive until it has.
        worker.ref();
        worker.postMessage('stop');
      }
      await exited;
    },
  };
}
