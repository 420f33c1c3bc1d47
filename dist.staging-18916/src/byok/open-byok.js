import { resolveSecret } from "../config/resolve-secret.js";
import { resolveByokOnlyProviders } from "../providers/resolve-providers.js";
import { resolveCatalog } from "../routing/catalog/resolve-catalog.js";
import { ByokRegistry } from "./byok-registry.js";
import { loadMasterKey } from "./load-master-key.js";
import { unlockByokKeys } from "./unlock-byok-keys.js";
async function openByok(options) {
  const { config, env, providers, builtin, discovered } = options;
  const masterKey = loadMasterKey({
    configured: resolveSecret(config.master_key, env),
    dataDir: config.data_dir,
    onTightened: (t) => options.logger.warn({ path: t.path, from: t.from, to: t.to }, "master key file was readable by other users; tightened its mode")
  });
  if (masterKey.created) options.logger.info({ path: masterKey.path }, "Generated a master key for BYOK keys (mode 0600); back it up with the database");
  const unlocked = await unlockByokKeys({ store: options.store, masterKey });
  for (const note of unlocked.notes) options.logger.warn({ masterKeyId: unlocked.cipher.keyId }, note);
  return new ByokRegistry({
    store: options.store,
    cipher: unlocked.cipher,
    unlocked: unlocked.keys,
    catalog: options.catalog,
    byokOnly: resolveByokOnlyProviders(config, providers),
    buildCatalog: (extra) => resolveCatalog({ builtin, discovered, config, providers: new Map([...providers, ...extra.map((provider) => [provider.id, provider])]) })
  });
}
export {
  openByok
};
//# sourceMappingURL=open-byok.js.map
