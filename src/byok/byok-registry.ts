import { randomUUID } from 'node:crypto';
import { registerSecret } from '../core/secret-registry.js';
import { InvalidRequestError, NotFoundError } from '../core/errors/gateway-error.js';
import type { Provider } from '../core/provider-types.js';
import { applyByokKeys, type ByokRoute } from '../routing/apply-byok-keys.js';
import type { ResolvedCatalog } from '../routing/catalog/resolved-catalog.js';
import type { RouteAttempt } from '../routing/plan-route.js';
import type { ByokKeyPatch, ByokKeyRecord, ByokKeyStore } from '../stores/byok-key-store.js';
import { maskProviderKey } from './mask-provider-key.js';
import type { SecretCipher } from './secret-cipher.js';

/** A stored key with its plaintext, as unlocked at start. */
export interface UnlockedByokKey {
  record: ByokKeyRecord;
  apiKey: string;
}

export interface NewByokKey {
  provider: string;
  key: string;
  name?: string;
  disabled?: boolean;
  alwaysUse?: boolean;
  isFallback?: boolean;
  allowedModels?: string[] | null;
  sortOrder?: number;
}

export type ByokKeyChange = Omit<Partial<NewByokKey>, 'provider'>;

interface Entry {
  record: ByokKeyRecord;
  route: ByokRoute;
}

/** The additional authenticated data binding a ciphertext to its row. */
export const byokAad = (record: Pick<ByokKeyRecord, 'id' | 'workspaceId' | 'provider'>) => `byok:${record.id}:${record.workspaceId}:${record.provider}`;

/**
 * Every workspace's BYOK keys, decrypted once (at start and on each change) and held in memory,
 * so routing never touches the database or the cipher per request. Writes go to the store
 * (ciphertext only) first, then to memory. Also answers which catalog a workspace routes on:
 * keys for providers without a pooled key add those providers' endpoints.
 */
export class ByokRegistry {
  readonly #store: ByokKeyStore;
  readonly #cipher: SecretCipher;
  readonly #pooled: ReadonlyMap<string, Provider>;
  readonly #byokOnly: ReadonlyMap<string, Provider>;
  readonly #pooledIds: ReadonlySet<string>;
  readonly #baseCatalog: ResolvedCatalog;
  readonly #buildCatalog: (extra: Provider[]) => ResolvedCatalog;
  readonly #entries = new Map<string, Entry>();
  readonly #routes = new Map<string, Map<string, ByokRoute[]>>();
  readonly #catalogs = new Map<string, ResolvedCatalog>();
  readonly #catalogsByProviders = new Map<string, ResolvedCatalog>();

  /** A secret derived from the master key (see SecretCipher.deriveSecret). */
  deriveSecret(purpose: string, id: string): string {
    return this.#cipher.deriveSecret(purpose, id);
  }

  constructor(options: {
    store: ByokKeyStore;
    cipher: SecretCipher;
    unlocked: UnlockedByokKey[];
    /** Enabled providers (the base catalog's). */
    catalog: ResolvedCatalog;
    /** Known providers without a pooled key (resolveByokOnlyProviders). */
    byokOnly: ReadonlyMap<string, Provider>;
    /** The catalog with extra providers' endpoints bound (built off the request path, cached). */
    buildCatalog: (extra: Provider[]) => ResolvedCatalog;
  }) {
    this.#store = options.store;
    this.#cipher = options.cipher;
    this.#baseCatalog = options.catalog;
    this.#pooled = options.catalog.providers;
    this.#pooledIds = new Set(options.catalog.providers.keys());
    this.#byokOnly = options.byokOnly;
    this.#buildCatalog = options.buildCatalog;
    const workspaces = new Set<string>();
    for (const { record, apiKey } of options.unlocked) {
      const template = this.#template(record.provider);
      // A key for a provider no longer known (preset removed) stays stored but cannot route.
      if (template) this.#entries.set(record.id, { record, route: toRoute(record, template, apiKey) });
      workspaces.add(record.workspaceId);
    }
    for (const workspace of workspaces) this.#reindex(workspace);
  }

  /** A workspace's keys, in routing order (provider, sort order, creation). */
  list(workspaceId: string): ByokKeyRecord[] {
    return [...this.#entries.values()]
      .map((entry) => entry.record)
      .filter((record) => record.workspaceId === workspaceId)
      .sort((a, b) => (a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : a.sortOrder - b.sortOrder || (a.createdAt < b.createdAt ? -1 : 1)));
  }

  get(workspaceId: string, id: string): ByokKeyRecord {
    const entry = this.#entries.get(id);
    if (!entry || entry.record.workspaceId !== workspaceId) throw new NotFoundError(`No BYOK key with id ${id}`);
    return entry.record;
  }

  async create(workspaceId: string, input: NewByokKey): Promise<ByokKeyRecord> {
    const template = this.#template(input.provider);
    if (!template) {
      const known = [...new Set([...this.#pooled.keys(), ...this.#byokOnly.keys()])].sort();
      throw new InvalidRequestError(`Unknown provider "${input.provider}". Known providers: ${known.join(', ')}`);
    }
    const id = randomUUID();
    const base = { id, workspaceId, provider: input.provider };
    const record: ByokKeyRecord = {
      ...base,
      name: input.name ?? `${template.name} key`,
      label: maskProviderKey(input.key),
      disabled: input.disabled ?? false,
      alwaysUse: input.alwaysUse ?? false,
      isFallback: input.isFallback ?? false,
      allowedModels: input.allowedModels ?? null,
      sortOrder: input.sortOrder ?? 0,
      secret: this.#cipher.encrypt(input.key, byokAad(base)),
      createdAt: new Date().toISOString(),
      updatedAt: null,
    };
    await this.#store.create(record);
    this.#entries.set(id, { record, route: toRoute(record, template, input.key) });
    this.#reindex(workspaceId);
    return record;
  }

  async update(workspaceId: string, id: string, change: ByokKeyChange): Promise<ByokKeyRecord> {
    const current = this.get(workspaceId, id);
    const entry = this.#entries.get(id) as Entry;
    const patch: ByokKeyPatch = {
      name: change.name,
      disabled: change.disabled,
      alwaysUse: change.alwaysUse,
      isFallback: change.isFallback,
      allowedModels: change.allowedModels,
      sortOrder: change.sortOrder,
    };
    if (change.key !== undefined) {
      patch.secret = this.#cipher.encrypt(change.key, byokAad(current));
      patch.label = maskProviderKey(change.key);
    }
    const updated = await this.#store.update(id, patch, new Date().toISOString());
    if (!updated) throw new NotFoundError(`No BYOK key with id ${id}`);
    const template = this.#template(updated.provider) ?? entry.route.provider;
    this.#entries.set(id, { record: updated, route: toRoute(updated, template, change.key ?? (entry.route.provider.apiKey as string)) });
    this.#reindex(workspaceId);
    return updated;
  }

  async delete(workspaceId: string, id: string): Promise<void> {
    this.get(workspaceId, id);
    await this.#store.delete(id);
    this.#entries.delete(id);
    this.#reindex(workspaceId);
  }

  /** The catalog this workspace plans on: the base one unless its keys add providers. O(1). */
  catalogFor(workspaceId: string): ResolvedCatalog {
    return this.#catalogs.get(workspaceId) ?? this.#baseCatalog;
  }

  /** The planned route with this workspace's keys applied (see applyByokKeys). */
  apply(plan: RouteAttempt[], workspaceId: string): RouteAttempt[] {
    const routes = this.#routes.get(workspaceId);
    if (!routes) return plan;
    return applyByokKeys({ plan, routes, pooled: this.#pooledIds });
  }

  #template(providerId: string): Provider | undefined {
    return this.#pooled.get(providerId) ?? this.#byokOnly.get(providerId);
  }

  /** Rebuilds a workspace's routing index and catalog after a change (off the request path). */
  #reindex(workspaceId: string): void {
    const routes = new Map<string, ByokRoute[]>();
    for (const record of this.list(workspaceId)) {
      const entry = this.#entries.get(record.id) as Entry;
      if (record.disabled) continue;
      const list = routes.get(record.provider) ?? [];
      list.push(entry.route);
      routes.set(record.provider, list);
    }
    if (routes.size === 0) this.#routes.delete(workspaceId);
    else this.#routes.set(workspaceId, routes);

    const extra = [...routes.keys()].filter((id) => !this.#pooledIds.has(id)).sort();
    if (extra.length === 0) {
      this.#catalogs.delete(workspaceId);
      return;
    }
    const cacheKey = extra.join(',');
    let catalog = this.#catalogsByProviders.get(cacheKey);
    if (!catalog) {
      catalog = this.#buildCatalog(extra.map((id) => this.#byokOnly.get(id) as Provider));
      this.#catalogsByProviders.set(cacheKey, catalog);
    }
    this.#catalogs.set(workspaceId, catalog);
  }
}

function toRoute(record: ByokKeyRecord, template: Provider, apiKey: string): ByokRoute {
  // A decrypted key is a secret the gateway holds from now on: scrubbed wherever it could surface.
  registerSecret(apiKey);
  return {
    provider: { ...template, apiKey },
    isFallback: record.isFallback,
    alwaysUse: record.alwaysUse,
    allowedModels: record.allowedModels ? new Set(record.allowedModels) : null,
  };
}
