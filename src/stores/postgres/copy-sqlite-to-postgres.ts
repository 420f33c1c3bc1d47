/**
 * Copies an embedded SQLite database into an empty PostgreSQL database: keys, workspaces and
 * members, generations, the ledger (accounts, entries, credit grants, daily activity), key rate
 * limits, BYOK keys (ciphertext as is: keep the same master key) and the master-key check,
 * guardrails and their assignments, privacy settings and logged content, the audit trail.
 *
 * Every table the two schemas share is copied, column by column, converted to the PostgreSQL type
 * (0/1 → boolean, 64-bit integers exact as bigint, blobs as bytea), in one transaction: a failure
 * leaves the target as it was. Reservations (ledger_holds) are not copied — they belong to the
 * stopped SQLite gateway — so every account starts with nothing held. A target that already holds
 * data is refused, so running the command twice cannot double anything.
 */
import { existsSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { runSqliteMigrations } from '../sqlite/run-sqlite-migrations.js';
import { openPostgresStores } from './open-postgres-stores.js';

/** Parents before children (foreign keys), then the rest in name order. */
const ORDER = ['workspaces', 'members', 'guardrails'];
/** Not copied: bookkeeping of each database, and reservations of the stopped gateway. */
const NOT_COPIED = new Set(['schema_migrations', 'schema_migrations_lock', 'sqlite_sequence', 'ledger_holds']);
/** Rows the PostgreSQL migration seeds; the source's own versions replace them. */
const SEEDED: Record<string, { column: string; values: string[] }> = {
  workspaces: { column: 'id', values: ['default'] },
  members: { column: 'id', values: ['default:owner'] },
};
const ROWS_PER_INSERT = 500;

export interface CopyReport {
  tables: Array<{ table: string; rows: number }>;
  /** SQLite tables with no PostgreSQL counterpart (not copied). */
  skipped: string[];
}

export class TargetNotEmptyError extends Error {}

interface PgColumn {
  name: string;
  type: string;
  serial: boolean;
}

export async function copySqliteToPostgres(options: { from: string; to: string }): Promise<CopyReport> {
  if (!existsSync(options.from)) throw new Error(`no SQLite database at ${options.from}`);
  const source = new BetterSqlite3(options.from, { fileMustExist: true });
  try {
    // Bring an older file up to the current schema first, exactly as starting the gateway would.
    runSqliteMigrations(source);
    source.defaultSafeIntegers(true);
    const target = await openPostgresStores({ url: options.to, poolSize: 2 });
    try {
      return await copy(source, target.db as unknown as Kysely<Record<string, Record<string, unknown>>>);
    } finally {
      await target.close();
    }
  } finally {
    source.close();
  }
}

async function copy(source: BetterSqlite3.Database, db: Kysely<Record<string, Record<string, unknown>>>): Promise<CopyReport> {
  const sqliteTables = (source.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>)
    .map((row) => row.name)
    .filter((name) => !NOT_COPIED.has(name));
  const pgColumns = await postgresColumns(db);
  const shared = sqliteTables
    .filter((table) => pgColumns.has(table))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const skipped = sqliteTables.filter((table) => !pgColumns.has(table)).sort();

  await refuseNonEmpty(db, [...pgColumns.keys()].filter((table) => !NOT_COPIED.has(table)));

  const tables: CopyReport['tables'] = [];
  await db.transaction().execute(async (trx) => {
    for (const [table, seeded] of Object.entries(SEEDED).reverse()) {
      if (shared.includes(table)) await trx.deleteFrom(table).where(seeded.column, 'in', seeded.values).execute();
    }
    for (const table of shared) {
      const sourceColumns = new Set((source.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as Array<{ name: string }>).map((row) => row.name));
      const columns = (pgColumns.get(table) as PgColumn[]).filter((column) => sourceColumns.has(column.name));
      const select = source.prepare(`SELECT ${columns.map((column) => `"${column.name}"`).join(', ')} FROM "${table}"`);
      let batch: Array<Record<string, unknown>> = [];
      let count = 0;
      const flush = async () => {
        if (batch.length === 0) return;
        await trx.insertInto(table).values(batch).execute();
        count += batch.length;
        batch = [];
      };
      for (const row of select.iterate() as Iterable<Record<string, unknown>>) {
        const converted: Record<string, unknown> = {};
        for (const column of columns) converted[column.name] = convert(table, column, row[column.name]);
        batch.push(converted);
        if (batch.length >= ROWS_PER_INSERT) await flush();
      }
      await flush();
      // Identity / serial columns continue after the copied ids.
      for (const column of columns.filter((c) => c.serial)) {
        await sql`SELECT setval(pg_get_serial_sequence(${table}, ${column.name}), GREATEST((SELECT MAX(${sql.ref(column.name)}) FROM ${sql.table(table)}), 1))`.execute(trx);
      }
      tables.push({ table, rows: count });
    }
  });
  return { tables, skipped };
}

const rank = (table: string): number => {
  const index = ORDER.indexOf(table);
  return index === -1 ? ORDER.length : index;
};

function convert(table: string, column: PgColumn, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  // The stopped gateway's reservations are not copied, so nothing is held.
  if (table === 'ledger_accounts' && column.name === 'held') return 0n;
  switch (column.type) {
    case 'boolean':
      return value === 1n || value === 1 || value === true;
    case 'bigint':
      return typeof value === 'bigint' ? value : BigInt(value as number);
    case 'integer':
    case 'smallint':
    case 'double precision':
    case 'real':
      return Number(value);
    case 'bytea':
      return Buffer.from(value as Uint8Array);
    default:
      return typeof value === 'bigint' ? value.toString() : value;
  }
}

async function postgresColumns(db: Kysely<Record<string, Record<string, unknown>>>): Promise<Map<string, PgColumn[]>> {
  const result = await sql<{ table_name: string; column_name: string; data_type: string; column_default: string | null; is_identity: string }>`
    SELECT table_name, column_name, data_type, column_default, is_identity FROM information_schema.columns
    WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`.execute(db);
  const tables = new Map<string, PgColumn[]>();
  for (const row of result.rows) {
    const columns = tables.get(row.table_name) ?? [];
    columns.push({ name: row.column_name, type: row.data_type, serial: row.is_identity === 'YES' || (row.column_default ?? '').startsWith('nextval(') });
    tables.set(row.table_name, columns);
  }
  return tables;
}

async function refuseNonEmpty(db: Kysely<Record<string, Record<string, unknown>>>, tables: string[]): Promise<void> {
  const found: string[] = [];
  for (const table of tables.sort()) {
    let query = db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n'));
    const seeded = SEEDED[table];
    if (seeded) query = query.where(seeded.column, 'not in', seeded.values);
    const { n } = await query.executeTakeFirstOrThrow();
    if (Number(n) > 0) found.push(`${table}: ${n}`);
  }
  if (found.length > 0) {
    throw new TargetNotEmptyError(`the target database is not empty (${found.join(', ')}); migrate-to-postgres copies into an empty database only`);
  }
}
