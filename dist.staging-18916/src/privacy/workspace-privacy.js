import { privacyConstraints } from "./privacy-constraints.js";
import { patchPrivacySettings } from "../core/privacy-settings.js";
const DAY_MS = 864e5;
class WorkspacePrivacy {
  #store;
  #defaults;
  #settings = /* @__PURE__ */ new Map();
  #defaultView;
  #version = 0;
  constructor(store, defaults) {
    this.#store = store;
    this.#defaults = defaults;
    this.#defaultView = { settings: defaults, constraints: privacyConstraints(defaults) };
  }
  static async load(store, defaults) {
    const privacy = new WorkspacePrivacy(store, defaults);
    for (const { workspaceId, settings } of await store.listSettings()) privacy.#remember(workspaceId, settings);
    return privacy;
  }
  /** Re-reads every workspace's settings (another node changed some). */
  async reload() {
    const all = await this.#store.listSettings();
    this.#settings.clear();
    for (const { workspaceId, settings } of all) this.#remember(workspaceId, settings);
    this.#version += 1;
  }
  settingsFor(workspaceId) {
    return this.#view(workspaceId).settings;
  }
  /** The routing limits of the workspace (precomputed). */
  constraintsFor(workspaceId) {
    return this.#view(workspaceId).constraints;
  }
  /** The response cache keeps copies of completions, so it is off where ZDR is enforced. */
  allowsResponseCache(workspaceId) {
    return !this.#view(workspaceId).settings.enforce_zdr;
  }
  /** How long to keep this key's prompts and completions, in ms; undefined = do not log. */
  loggingRetentionMs(workspaceId, keyHash) {
    const { settings } = this.#view(workspaceId);
    const days = settings.key_logging[keyHash] ?? (settings.logging.enabled ? settings.logging.retention_days : void 0);
    return days === void 0 ? void 0 : days * DAY_MS;
  }
  async update(workspaceId, patch) {
    const next = patchPrivacySettings(this.settingsFor(workspaceId), patch);
    await this.#store.putSettings(workspaceId, next);
    this.#remember(workspaceId, next);
    return next;
  }
  #view(workspaceId) {
    return this.#settings.get(workspaceId) ?? this.#defaultView;
  }
  /** Bumped on every settings change (the response cache keys on it). */
  get version() {
    return this.#version;
  }
  #remember(workspaceId, settings) {
    this.#version += 1;
    this.#settings.set(workspaceId, { settings, constraints: privacyConstraints(settings) });
  }
  /** The config defaults, for documentation endpoints and tests. */
  get defaults() {
    return this.#defaults;
  }
}
export {
  WorkspacePrivacy
};
//# sourceMappingURL=workspace-privacy.js.map
