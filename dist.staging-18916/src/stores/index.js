import { utcSpendWindows } from "./utc-spend-windows.js";
import { BatchGenerationWriter } from "./batch-generation-writer.js";
import { openMemoryStores } from "./memory/open-memory-stores.js";
import { MemoryKeyStore } from "./memory/memory-key-store.js";
import { MemoryGenerationStore } from "./memory/memory-generation-store.js";
import { openSqliteStores } from "./sqlite/open-sqlite-stores.js";
import { runSqliteMigrations } from "./sqlite/run-sqlite-migrations.js";
import { MemoryLedger } from "./memory/memory-ledger.js";
import { SqliteLedger } from "./sqlite/sqlite-ledger.js";
export {
  BatchGenerationWriter,
  MemoryGenerationStore,
  MemoryKeyStore,
  MemoryLedger,
  SqliteLedger,
  openMemoryStores,
  openSqliteStores,
  runSqliteMigrations,
  utcSpendWindows
};
//# sourceMappingURL=index.js.map
