import type { Kysely } from 'kysely';
import type { DashboardSessionRecord, DashboardSessionStore } from './dashboard-session-store.js';

/** The `dashboard_sessions` table (SQLite 0013, PostgreSQL 0007); ms columns are INTEGER / BIGINT. */
type DashboardSessionsTable = {
  token_hash: string;
  key_hash: string;
  created_at: number | string;
  expires_at: number | string;
};

export type DashboardSessionsDatabase = {
  dashboard_sessions: DashboardSessionsTable;
};

/**
 * Dashboard sessions in the `dashboard_sessions` table, through Kysely: the same queries on SQLite
 * and PostgreSQL (the pg driver returns BIGINT as a string, hence Number()). A lookup is one
 * primary-key read, so a sign-out on any node ends the session on every node at its next request.
 */
export class SqlDashboardSessionStore implements DashboardSessionStore {
  readonly #db: Kysely<DashboardSessionsDatabase>;

  private constructor(db: Kysely<DashboardSessionsDatabase>) {
    this.#db = db;
  }

  /** Over a migrated SQLite or PostgreSQL database (any Kysely schema type: it adds its own table). */
  static over<DB>(db: Kysely<DB>): SqlDashboardSessionStore {
    return new SqlDashboardSessionStore(db.withTables<DashboardSessionsDatabase>() as unknown as Kysely<DashboardSessionsDatabase>);
  }

  async open(record: DashboardSessionRecord, maxSessions: number): Promise<void> {
    await this.#db.deleteFrom('dashboard_sessions').where('expires_at', '<=', record.createdAt).execute();
    const { count } = await this.#db
      .selectFrom('dashboard_sessions')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .executeTakeFirstOrThrow();
    const excess = Number(count) - maxSessions + 1;
    if (excess > 0) {
      const oldest = this.#db.selectFrom('dashboard_sessions').select('token_hash').orderBy('created_at').orderBy('token_hash').limit(excess);
      await this.#db.deleteFrom('dashboard_sessions').where('token_hash', 'in', oldest).execute();
    }
    await this.#db
      .insertInto('dashboard_sessions')
      .values({ token_hash: record.tokenHash, key_hash: record.keyHash, created_at: record.createdAt, expires_at: record.expiresAt })
      .execute();
  }

  async find(tokenHash: string, now: number): Promise<DashboardSessionRecord | undefined> {
    const row = await this.#db
      .selectFrom('dashboard_sessions')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return row && { tokenHash: row.token_hash, keyHash: row.key_hash, createdAt: Number(row.created_at), expiresAt: Number(row.expires_at) };
  }

  async close(tokenHash: string): Promise<void> {
    await this.#db.deleteFrom('dashboard_sessions').where('token_hash', '=', tokenHash).execute();
  }

  async closeAllFor(keyHash: string): Promise<void> {
    await this.#db.deleteFrom('dashboard_sessions').where('key_hash', '=', keyHash).execute();
  }
}
