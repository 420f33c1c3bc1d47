import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describeLedgerContract } from '../contract/ledger.contract.js';
import { runSqliteMigrations } from './run-sqlite-migrations.js';
import type { SqliteDatabase } from './sqlite-database.js';
import { SqliteGenerationStore } from './sqlite-generation-store.js';
import { SqliteLedger } from './sqlite-ledger.js';

describeLedgerContract('sqlite :memory:', async () => {
  const database = new BetterSqlite3(':memory:');
  runSqliteMigrations(database);
  const generations = new SqliteGenerationStore(new Kysely<SqliteDatabase>({ dialect: new SqliteDialect({ database }) }));
  return { ledger: new SqliteLedger(database), generations, close: async () => void database.close() };
});
