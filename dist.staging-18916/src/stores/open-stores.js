import { openMemoryStores } from "./memory/open-memory-stores.js";
import { openSqliteStores } from "./sqlite/open-sqlite-stores.js";
async function openStores(database, options = {}) {
  if (database.startsWith("sqlite:")) return openSqliteStores({ path: database.slice("sqlite:".length), onTightened: options.onTightened });
  if (database === "memory:" || database.startsWith("memory:")) return openMemoryStores();
  throw new Error(`database: ${database.split(":")[0]} is not supported yet; use sqlite:PATH`);
}
export {
  openStores
};
//# sourceMappingURL=open-stores.js.map
