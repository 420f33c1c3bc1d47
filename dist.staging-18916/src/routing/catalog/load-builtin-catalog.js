import { readFileSync } from "node:fs";
function loadBuiltinCatalog() {
  const url = new URL("./builtin-catalog.json", import.meta.url);
  const file = JSON.parse(readFileSync(url, "utf8"));
  return file.models;
}
export {
  loadBuiltinCatalog
};
//# sourceMappingURL=load-builtin-catalog.js.map
