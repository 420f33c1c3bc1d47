import { randomUUID } from "node:crypto";
import { InvalidRequestError, NotFoundError } from "../core/errors/gateway-error.js";
import { applyByokKeys } from "../routing/apply-byok-keys.js";
import { maskProviderKey } from "./mask-provider-key.js";
const byokAad = (record) => `byok:${record.id}:${record.workspaceId}:${record.provider}`;
class ByokRegistry {
  #store;
  #cipher;
  #pooled;
  #byokOnly;
  #pooledIds;
  #baseCatalog;
  #buildCatalog;
  #entries = /* @__PURE__ */ new Map();
  #routes = /* @__PURE__ */ new Map();
  #catalogs = /* @__PURE__ */ new Map();
  #catalogsByProviders = /* @__PURE__ */ new Map();
  constructor(options) {
    this.#store = options.store;
    this.#cipher = options.cipher;
    this.#baseCatalog = options.catalog;
    this.#pooled = options.catalog.providers;
    this.#pooledIds = new Set(options.catalog.providers.keys());
    this.#byokOnly = options.byokOnly;
    this.#buildCatalog = options.buildCatalog;
    const workspaces = /* @__PURE__ */ new Set();
    for (const { record, apiKey } of options.unlocked) {
      const template = this.#template(record.provider);
      if (template) this.#entries.set(record.id, { record, route: toRoute(record, template, apiKey) });
      workspaces.add(record.workspaceId);
    }
    for (const workspace of workspaces) this.#reindex(workspace);
  }
  /** A workspace's keys, in routing order (provider, sort order, creation). */
  list(workspaceId) {
    return [...this.#entries.values()].map((entry) => entry.record).filter((record) => record.workspaceId === workspaceId).sort((a, b) => a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : a.sortOrder - b.sortOrder || (a.createdAt < b.createdAt ? -1 : 1));
  }
  get(workspaceId, id) {
    const entry = this.#entries.get(id);
    if (!entry || entry.record.workspaceId !== workspaceId) throw new NotFoundError(`No BYOK key with id ${id}`);
    return entry.record;
  }
  async create(workspaceId, input) {
    const template = this.#template(input.provider);
    if (!template) {
      const known = [.../* @__PURE__ */ new Set([...this.#pooled.keys(), ...this.#byokOnly.keys()])].sort();
      throw new InvalidRequestError(`Unknown provider "${input.provider}". Known providers: ${known.join(", ")}`);
    }
    const id = randomUUID();
    const base = { id, workspaceId, provider: input.provider };
    const record = {
      ...base,
      name: input.name ?? `${template.name} key`,
      label: maskProviderKey(input.key),
      disabled: input.disabled ?? false,
      alwaysUse: input.alwaysUse ?? false,
      isFallback: input.isFallback ?? false,
      allowedModels: input.allowedModels ?? null,
      sortOrder: input.sortOrder ?? 0,
      secret: this.#cipher.encrypt(input.key, byokAad(base)),
      createdAt: (/* @__PURE__ */ new Date()).toISOString(),
      updatedAt: null
    };
    await this.#store.create(record);
    this.#entries.set(id, { record, route: toRoute(record, template, input.key) });
    this.#reindex(workspaceId);
    return record;
  }
  async update(workspaceId, id, change) {
    const current = this.get(workspaceId, id);
    const entry = this.#entries.get(id);
    const patch = {
      name: change.name,
      disabled: change.disabled,
      alwaysUse: change.alwaysUse,
      isFallback: change.isFallback,
      allowedModels: change.allowedModels,
      sortOrder: change.sortOrder
    };
    if (change.key !== void 0) {
      patch.secret = this.#cipher.encrypt(change.key, byokAad(current));
      patch.label = maskProviderKey(change.key);
    }
    const updated = await this.#store.update(id, patch, (/* @__PURE__ */ new Date()).toISOString());
    if (!updated) throw new NotFoundError(`No BYOK key with id ${id}`);
    const template = this.#template(updated.provider) ?? entry.route.provider;
    this.#entries.set(id, { record: updated, route: toRoute(updated, template, change.key ?? entry.route.provider.apiKey) });
    this.#reindex(workspaceId);
    return updated;
  }
  async delete(workspaceId, id) {
    this.get(workspaceId, id);
    await this.#store.delete(id);
    this.#entries.delete(id);
    this.#reindex(workspaceId);
  }
  /** The catalog this workspace plans on: the base one unless its keys add providers. O(1). */
  catalogFor(workspaceId) {
    return this.#catalogs.get(workspaceId) ?? this.#baseCatalog;
  }
  /** The planned route with this workspace's keys applied (see applyByokKeys). */
  apply(plan, workspaceId) {
    const routes = this.#routes.get(workspaceId);
    if (!routes) return plan;
    return applyByokKeys({ plan, routes, pooled: this.#pooledIds });
  }
  #template(providerId) {
    return this.#pooled.get(providerId) ?? this.#byokOnly.get(providerId);
  }
  /** Rebuilds a workspace's routing index and catalog after a change (off the request path). */
  #reindex(workspaceId) {
    const routes = /* @__PURE__ */ new Map();
    for (const record of this.list(workspaceId)) {
      const entry = this.#entries.get(record.id);
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
    const cacheKey = extra.join(",");
    let catalog = this.#catalogsByProviders.get(cacheKey);
    if (!catalog) {
      catalog = this.#buildCatalog(extra.map((id) => this.#byokOnly.get(id)));
      this.#catalogsByProviders.set(cacheKey, catalog);
    }
    this.#catalogs.set(workspaceId, catalog);
  }
}
function toRoute(record, template, apiKey) {
  return {
    provider: { ...template, apiKey },
    isFallback: record.isFallback,
    alwaysUse: record.alwaysUse,
    allowedModels: record.allowedModels ? new Set(record.allowedModels) : null
  };
}
export {
  ByokRegistry,
  byokAad
};
//# sourceMappingURL=byok-registry.js.map
