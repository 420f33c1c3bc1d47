import { join } from "node:path";
import { generateMasterKey, loadMasterKey, writeMasterKeyFile } from "../../byok/load-master-key.js";
import { rotateMasterKey } from "../../byok/rotate-master-key.js";
import { loadConfig } from "../../config/load-config.js";
import { resolveSecret } from "../../config/resolve-secret.js";
import { openStores } from "../../stores/open-stores.js";
const masterKeyRotateCommand = {
  summary: "re-encrypt every BYOK key under a new master key (stop the gateway first)",
  usage: "[--config PATH]   (new key: SWITCHYARD_NEW_MASTER_KEY, else generated)",
  options: { config: { type: "string" } },
  async run({ values, io }) {
    const argv = typeof values.config === "string" ? ["--config", values.config] : [];
    const config = loadConfig({ argv, env: io.env });
    const current = loadMasterKey({ configured: resolveSecret(config.master_key, io.env), dataDir: config.data_dir });
    const given = io.env.SWITCHYARD_NEW_MASTER_KEY?.trim();
    const newKey = given || generateMasterKey();
    const stores = await openStores(config.database);
    try {
      const result = await rotateMasterKey({ store: stores.byokKeys, current, newKey });
      io.out(`Re-encrypted ${result.rotated} BYOK key(s): master key ${result.from} \u2192 ${result.to}
`);
      if (current.source === "file") {
        io.out(`The new master key is in ${current.path} (mode 0600).
`);
      } else if (given) {
        io.out("Set SWITCHYARD_MASTER_KEY (or master_key) to the new key before the next start.\n");
      } else {
        const path = join(config.data_dir, "master-key.new");
        writeMasterKeyFile(path, newKey);
        io.out(`The generated key is in ${path} (mode 0600): set SWITCHYARD_MASTER_KEY (or master_key) to it, then delete the file.
`);
      }
      return 0;
    } finally {
      await stores.close();
    }
  }
};
export {
  masterKeyRotateCommand
};
//# sourceMappingURL=master-key-rotate.js.map
