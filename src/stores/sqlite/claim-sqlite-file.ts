import BetterSqlite3 from 'better-sqlite3';
import { ensurePrivateFile, type OnTightened } from '../../core/private-files.js';

/** Held while a gateway serves a SQLite file; `release` lets the next process take it. */
export interface SqliteFileClaim {
  release(): void;
}

/**
 * Makes this process the only gateway serving a SQLite database file. The SQLite ledger keeps its
 * reservations in the process (src/stores/sqlite/process-holds.ts), so a second gateway on the same
 * file would not see the first one's holds and could spend the same budget twice.
 *
 * The claim is SQLite's own exclusive lock on a small side file (`<db>-owner`), held for the life of
 * the connection (`locking_mode = EXCLUSIVE`): the operating system drops it when the process exits,
 * however it exits, so a gateway restarted after `kill -9` is never locked out by a stale claim.
 */
export function claimSqliteFile(databasePath: string, onTightened?: OnTightened): SqliteFileClaim {
  const ownerPath = `${databasePath}-owner`;
  ensurePrivateFile(ownerPath, onTightened);
  const owner = new BetterSqlite3(ownerPath, { timeout: 0 });
  try {
    owner.pragma('locking_mode = EXCLUSIVE');
    owner.exec('BEGIN EXCLUSIVE');
    owner.exec('CREATE TABLE IF NOT EXISTS owner (pid INTEGER NOT NULL, since TEXT NOT NULL)');
    owner.exec('DELETE FROM owner');
    owner.prepare('INSERT INTO owner (pid, since) VALUES (?, ?)').run(process.pid, new Date().toISOString());
    owner.exec('COMMIT');
  } catch (error) {
    owner.close();
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') {
      throw new Error(
        `${databasePath} is already served by another Switchyard process. SQLite is one gateway process per file: ` +
          'stop the other one, give this one its own database (SWITCHYARD_DATABASE=sqlite:…), or run several on PostgreSQL + Redis (docs/scale-out.md).',
      );
    }
    throw error;
  }
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      owner.close();
    },
  };
}
