import BetterSqlite3 from 'better-sqlite3';
import { describeLedgerContract } from '../contract/ledger.contract.js';
import { runSqliteMigrations } from './run-sqlite-migrations.js';
import { SqliteLedger } from './sqlite-ledger.js';

describeLedgerContract('sqlite :memory:', async () => {
  const database = new BetterSqlite3(':memory:');
  runSqliteMigrations(database);
  return { ledger: new SqliteLedger(database), close: async () => void database.close() };
});
