/**
 * Applies the numbered SQL files in migrations/postgres/ through Kysely's Migrator, which holds a
 * PostgreSQL advisory lock for the whole run and applies the pending files in one transaction:
 * ten nodes starting together migrate once, and the others wait, then find nothing to do.
 * Forward-only: there are no down migrations.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/** Location of the PostgreSQL migrations, resolved from this module (works from dist/ too). */
export const POSTGRES_MIGRATIONS_DIRECTORY = new URL('../migrations/postgres/', import.meta.url);

const MIGRATION_FILE = /^(\d{4,})_([\w-]+)\.sql$/;

/** The .sql files of `directory` as Kysely migrations named by file stem ("0001_init"). */
export class SqlFileMigrationProvider implements MigrationProvider {
  constructor(private readonly directory: URL = POSTGRES_MIGRATIONS_DIRECTORY) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    const versions = new Set<number>();
    for (const file of readdirSync(this.directory).sort()) {
      const match = MIGRATION_FILE.exec(file);
      if (!match) continue;
      const version = Number(match[1]);
      if (versions.has(version)) throw new Error(`Two PostgreSQL migrations share version ${version}`);
      versions.add(version);
      const text = readFileSync(new URL(file, this.directory), 'utf8');
      migrations[file.slice(0, -'.sql'.length)] = {
        // No parameters, so `pg` sends it as a simple query: several statements run in one go.
        up: async (db) => void (await sql.raw(text).execute(db)),
      };
    }
    return migrations;
  }
}

/** Brings the schema up to date; returns the migrations applied by this call. Throws on failure. */
export async function runPostgresMigrations(db: Kysely<unknown>, options: { directory?: URL } = {}): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: new SqlFileMigrationProvider(options.directory),
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`PostgreSQL migration ${failed ? `${failed.migrationName} ` : ''}failed: ${message}`, { cause: error });
  }
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
