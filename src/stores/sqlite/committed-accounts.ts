import type BetterSqlite3 from 'better-sqlite3';
import type { SpendWindows } from '../ledger.js';
import type { UtcSpendWindows } from '../utc-spend-windows.js';

/** A ledger_accounts row as committed; `held` is the row's (durable holds only). */
export interface StoredAccount {
  spend: SpendWindows;
  byok: SpendWindows;
  windows: UtcSpendWindows;
  held: bigint;
  credits: bigint;
  creditsEnabled: boolean;
}

/** Past this many scopes the rows are forgotten and read again as needed, so the memory stays bounded. */
const MAX_ROWS = 20_000;

/**
 * The ledger_accounts rows as last committed, kept in memory so that a reservation or settlement
 * batch reads no account row (a SELECT and fourteen BigInts per scope). `null` records a scope
 * that has no row.
 *
 * Exact when another connection writes the file too (another process, the sqlite3 shell): SQLite's
 * `PRAGMA data_version` changes when any other connection commits, and it is read at the start of
 * every ledger transaction — inside BEGIN IMMEDIATE, so nobody else can commit until it ends — and
 * before a read outside one; on a change every row is forgotten and read again from the file.
 * This connection's own commits do not change it: the ledger is the only code that writes
 * ledger_accounts on it, and every such write goes through `remember`.
 *
 * Inside a transaction, rows read or written are staged and become the committed view only once
 * the transaction committed (`commit`); a rollback forgets them, with everything else (`rollback`).
 */
export class CommittedAccounts {
  readonly #rows = new Map<string, StoredAccount | null>();
  /**
   * Replaced after each transaction, not cleared: a cleared Map's old hash table links to its new
   * one until a full GC (see core/string-dictionary.ts), and a batch commits every few milliseconds.
   */
  #staged = new Map<string, StoredAccount | null>();
  readonly #db: BetterSqlite3.Database;
  readonly #dataVersion: BetterSqlite3.Statement<[], number>;
  #version: number;
  #inTransaction = false;

  constructor(db: BetterSqlite3.Database) {
    this.#db = db;
    this.#dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
    this.#version = this.#dataVersion.get()!;
  }

  /** Call first thing inside a ledger transaction. */
  begin(): void {
    this.#revalidate();
    this.#inTransaction = true;
  }

  /** The transaction committed: what it read and wrote is now the committed view. */
  commit(): void {
    this.#inTransaction = false;
    if (this.#rows.size + this.#staged.size > MAX_ROWS) this.#rows.clear();
    for (const [scope, stored] of this.#staged) this.#rows.set(scope, stored);
    if (this.#staged.size > 0) this.#staged = new Map();
  }

  /** The transaction rolled back (or failed to commit): forget everything. */
  rollback(): void {
    this.#inTransaction = false;
    if (this.#staged.size > 0) this.#staged = new Map();
    this.#rows.clear();
  }

  /** Call before reading outside a ledger transaction. */
  refresh(): void {
    this.#revalidate();
  }

  /** The same, with `PRAGMA data_version` as just read by the caller's own statement (a reservation's). */
  observe(version: number): void {
    if (version === this.#version) return;
    this.#version = version;
    this.#rows.clear();
  }

  /** The scope's row (null: none), or undefined when it has to be read from the file. */
  get(scope: string): StoredAccount | null | undefined {
    const staged = this.#staged.get(scope);
    return staged !== undefined ? staged : this.#rows.get(scope);
  }

  /** A row just read from, or written to, the file. */
  remember(scope: string, stored: StoredAccount | null): void {
    if (this.#inTransaction) this.#staged.set(scope, stored);
    // Read inside someone else's open transaction on this connection: not known to be committed.
    else if (!this.#db.inTransaction) this.#rows.set(scope, stored);
  }

  #revalidate(): void {
    this.observe(this.#dataVersion.get()!);
  }
}
