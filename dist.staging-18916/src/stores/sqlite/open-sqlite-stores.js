import { existsSync } from "node:fs";
import { dirname } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { ensurePrivateDir, ensurePrivateFile, tightenPrivateFile } from "../../core/private-files.js";
import { Kysely, SqliteDialect } from "kysely";
import { runSqliteMigrations } from "./run-sqlite-migrations.js";
import { SqliteByokKeyStore } from "./sqlite-byok-key-store.js";
import { SqliteGenerationStore } from "./sqlite-generation-store.js";
import { SqliteKeyRateLimitStore } from "./sqlite-key-rate-limit-store.js";
import { SqliteKeyStore } from "./sqlite-key-store.js";
import { SqliteLedger } from "./sqlite-ledger.js";
import { SqliteWorkspaceStore } from "./sqlite-workspace-store.js";
import { SqlitePrivacyStore } from "./sqlite-privacy-store.js";
import { SqliteGuardrailStore } from "./sqlite-guardrail-store.js";
import { SqliteAuditStore } from "./sqlite-audit-store.js";
async function openSqliteStores(options) {
  const inMemory = options.path === ":memory:";
  if (!inMemory) {
    if (!existsSync(dirname(options.path))) ensurePrivateDir(dirname(options.path));
    ensurePrivateFile(options.path, options.onTightened);
    for (const suffix of ["-wal", "-shm", "-journal"]) tightenPrivateFile(options.path + suffix, options.onTightened);
  }
  const database = new BetterSqlite3(options.path, { timeout: options.busyTimeoutMs ?? 5e3 });
  try {
    if (!inMemory) database.pragma("journal_mode = WAL");
    database.pragma("synchronous = NORMAL");
    database.pragma("foreign_keys = ON");
    runSqliteMigrations(database);
    if (!inMemory) for (const suffix of ["-wal", "-shm"]) tightenPrivateFile(options.path + suffix, options.onTightened);
  } catch (err) {
    database.close();
    throw err;
  }
  const ledger = new SqliteLedger(database);
  const db = new Kysely({ dialect: new SqliteDialect({ database }) });
  const keys = new SqliteKeyStore(db);
  const generations = new SqliteGenerationStore(db);
  let closed = false;
  return {
    keys,
    generations,
    workspaces: new SqliteWorkspaceStore(db),
    ledger,
    keyRateLimits: new SqliteKeyRateLimitStore(db),
    byokKeys: new SqliteByokKeyStore(db),
    privacy: new SqlitePrivacyStore(db),
    guardrails: new SqliteGuardrailStore(db),
    audit: new SqliteAuditStore(db),
    async ping() {
      await db.selectFrom("schema_migrations").select("version").limit(1).execute();
    },
    async close() {
      if (closed) return;
      closed = true;
      await ledger.flushPending();
      await db.destroy();
    }
  };
}
export {
  openSqliteStores
};
//# sourceMappingURL=open-sqlite-stores.js.map
