import { readFileSync, readdirSync } from "node:fs";
const SQLITE_MIGRATIONS_DIRECTORY = new URL("../migrations/sqlite/", import.meta.url);
const MIGRATION_FILE = /^(\d{4,})_([\w-]+)\.sql$/;
function readSqliteMigrations(directory = SQLITE_MIGRATIONS_DIRECTORY) {
  const migrations = [];
  for (const file of readdirSync(directory)) {
    const match = MIGRATION_FILE.exec(file);
    if (!match) continue;
    migrations.push({
      version: Number(match[1]),
      name: file,
      sql: readFileSync(new URL(file, directory), "utf8")
    });
  }
  migrations.sort((a, b) => a.version - b.version);
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i].version === migrations[i - 1].version) {
      throw new Error(`Two SQLite migrations share version ${migrations[i].version}`);
    }
  }
  return migrations;
}
function runSqliteMigrations(database, options = {}) {
  const migrations = readSqliteMigrations(options.directory);
  const now = options.now ?? (() => /* @__PURE__ */ new Date());
  database.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const isApplied = database.prepare(
    "SELECT version FROM schema_migrations WHERE version = ?"
  );
  const markApplied = database.prepare(
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"
  );
  const applied = [];
  for (const migration of migrations) {
    const apply = database.transaction(() => {
      if (isApplied.get(migration.version)) return;
      database.exec(migration.sql);
      markApplied.run(migration.version, migration.name, now().toISOString());
      applied.push(migration.name);
    });
    apply.immediate();
  }
  return applied;
}
export {
  SQLITE_MIGRATIONS_DIRECTORY,
  readSqliteMigrations,
  runSqliteMigrations
};
//# sourceMappingURL=run-sqlite-migrations.js.map
