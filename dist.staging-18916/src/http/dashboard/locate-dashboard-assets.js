import { existsSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
function locateDashboardAssets() {
  const upThree = fileURLToPath(new URL("../../../", import.meta.url));
  const directory = basename(upThree) === "dist" ? join(upThree, "web") : join(upThree, "dist", "web");
  return existsSync(join(directory, "index.html")) ? directory : void 0;
}
export {
  locateDashboardAssets
};
//# sourceMappingURL=locate-dashboard-assets.js.map
