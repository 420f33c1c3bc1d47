import type { Logger } from 'pino';
import type { SwitchyardConfig } from '../config/config-schema.js';
import { resolveSecret } from '../config/resolve-secret.js';
import type { Provider } from '../core/provider-types.js';
import { resolveByokOnlyProviders } from '../providers/resolve-providers.js';
import type { CatalogModel } from '../routing/catalog/catalog-types.js';
import { resolveCatalog } from '../routing/catalog/resolve-catalog.js';
import type { ResolvedCatalog } from '../routing/catalog/resolved-catalog.js';
import type { ByokKeyStore } from '../stores/byok-key-store.js';
import { ByokRegistry } from './byok-registry.js';
import { registerSecret } from '../core/secret-registry.js';
import { loadMasterKey } from './load-master-key.js';
import { unlockByokKeys } from './unlock-byok-keys.js';

/**
 * Start-up of BYOK: loads (or generates) the master key, proves it against the database and
 * decrypts every stored provider key into the in-memory registry. Throws MasterKeyError on a
 * wrong key, so the gateway never starts half-working.
 */
export async function openByok(options: {
  config: SwitchyardConfig;
  env: NodeJS.ProcessEnv;
  store: ByokKeyStore;
  providers: Map<string, Provider>;
  catalog: ResolvedCatalog;
  /** What the base catalog was built from, to build workspace catalogs with extra providers. */
  builtin: CatalogModel[];
  discovered: CatalogModel[];
  logger: Logger;
}): Promise<ByokRegistry> {
  const { config, env, providers, builtin, discovered } = options;
  const masterKey = loadMasterKey({
    configured: resolveSecret(config.master_key, env),
    dataDir: config.data_dir,
    onTightened: (t) => options.logger.warn({ path: t.path, from: t.from, to: t.to }, 'master key file was readable by other users; tightened its mode'),
  });
  registerSecret(masterKey.value);
  if (masterKey.created) options.logger.info({ path: masterKey.path }, 'Generated a master key for BYOK keys (mode 0600); back it up with the database');
  const unlocked = await unlockByokKeys({ store: options.store, masterKey });
  for (const note of unlocked.notes) options.logger.warn({ masterKeyId: unlocked.cipher.keyId }, note);
  return new ByokRegistry({
    store: options.store,
    cipher: unlocked.cipher,
    unlocked: unlocked.keys,
    catalog: options.catalog,
    byokOnly: resolveByokOnlyProviders(config, providers),
    buildCatalog: (extra) =>
      resolveCatalog({ builtin, discovered, config, providers: new Map([...providers, ...extra.map((provider) => [provider.id, provider] as const)]) }),
  });
}
