import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { ensurePrivateDir, tightenPrivateFile } from "../core/private-files.js";
import { dirname, join, resolve } from "node:path";
import { hashApiKey, maskApiKey, mintApiKey } from "./mint-api-key.js";
function loadManagementKey(options) {
  if (options.configured) return { record: toRecord(options.configured), path: void 0, created: false };
  const path = resolve(join(options.dataDir, "admin-key"));
  if (existsSync(path)) {
    tightenPrivateFile(path, options.onTightened);
    const plaintext2 = readFileSync(path, "utf8").trim();
    return { record: toRecord(plaintext2), path, created: false };
  }
  ensurePrivateDir(dirname(path), options.onTightened);
  const { plaintext } = mintApiKey();
  writeFileSync(path, `${plaintext}
`, { mode: 384 });
  chmodSync(path, 384);
  return { record: toRecord(plaintext), path, created: true };
}
function toRecord(plaintext) {
  return {
    hash: hashApiKey(plaintext),
    kind: "management",
    name: "Management key",
    label: maskApiKey(plaintext),
    disabled: false,
    limit: null,
    limitReset: null,
    includeByokInLimit: false,
    workspaceId: "default",
    creatorUserId: null,
    createdAt: (/* @__PURE__ */ new Date(0)).toISOString(),
    updatedAt: null,
    expiresAt: null
  };
}
export {
  loadManagementKey
};
//# sourceMappingURL=load-management-key.js.map
