/**
 * Where dashboard sign-in sessions live: in the database, so every gateway node sharing it
 * knows every session (docs/scale-out.md argues for the database over Redis). Only the SHA-256
 * of a session token is stored, never the token; times are ms since the epoch.
 */
export interface DashboardSessionRecord {
  tokenHash: string;
  /** The management key the session stands for. */
  keyHash: string;
  createdAt: number;
  expiresAt: number;
}

export interface DashboardSessionStore {
  /** Adds a session; first drops expired ones and, past `maxSessions`, the oldest. */
  open(record: DashboardSessionRecord, maxSessions: number): Promise<void>;
  /** The live session a token hash stands for; undefined when unknown, closed or expired at `now`. */
  find(tokenHash: string, now: number): Promise<DashboardSessionRecord | undefined>;
  close(tokenHash: string): Promise<void>;
  /** Ends every session of a key (deleted or disabled). */
  closeAllFor(keyHash: string): Promise<void>;
}
