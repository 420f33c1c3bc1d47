import { CliUsageError, type CliCommand } from '../cli-command.js';
import { copySqliteToPostgres } from '../../stores/postgres/copy-sqlite-to-postgres.js';
import { describeTarget } from '../../stores/postgres/open-postgres-stores.js';

/**
 * `switchyard migrate-to-postgres --from ./data/switchyard.db --to postgres://…`: copies everything
 * durable from the embedded SQLite database into an empty PostgreSQL database (see
 * copy-sqlite-to-postgres.ts). Stop the SQLite gateway first; start the nodes on PostgreSQL after.
 */
export const migrateToPostgresCommand: CliCommand = {
  summary: 'copy an SQLite database (keys, credits, ledger, generations, settings…) into an empty PostgreSQL database',
  usage: '--from SQLITE_FILE --to postgres://USER:PASS@HOST:PORT/DB',
  options: { from: { type: 'string' }, to: { type: 'string' } },
  async run({ values, io }) {
    const from = values.from;
    const to = values.to;
    if (typeof from !== 'string' || from === '') throw new CliUsageError('--from is required: the SQLite file, e.g. ./data/switchyard.db');
    if (typeof to !== 'string' || !/^postgres(ql)?:\/\//.test(to)) throw new CliUsageError('--to must be a postgres:// or postgresql:// URL');
    const started = Date.now();
    const report = await copySqliteToPostgres({ from, to });
    const total = report.tables.reduce((sum, table) => sum + table.rows, 0);
    io.out(`Copied ${total} rows from ${from} to PostgreSQL at ${describeTarget(to)} in ${Date.now() - started} ms:\n`);
    for (const { table, rows } of report.tables) io.out(`  ${table.padEnd(30)} ${rows}\n`);
    if (report.skipped.length > 0) io.out(`Not copied (no such table in PostgreSQL): ${report.skipped.join(', ')}\n`);
    io.out('Start the gateway with SWITCHYARD_DATABASE set to the same URL (and the same master key for BYOK keys).\n');
    return 0;
  },
};
