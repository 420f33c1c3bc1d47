import type { RoutingConstraints } from '../routing/routing-constraints.js';
import type { PrivacyStore } from '../stores/privacy-store.js';
import { privacyConstraints } from './privacy-constraints.js';
import { patchPrivacySettings, type PrivacySettings, type PrivacySettingsPatch } from '../core/privacy-settings.js';

const DAY_MS = 86_400_000;

/**
 * Every workspace's privacy settings, held in memory (loaded at start-up, updated on each
 * change) so requests never read the database for them. Workspaces nobody configured use the
 * `privacy` block of the config file.
 */
export class WorkspacePrivacy {
  readonly #store: PrivacyStore;
  readonly #defaults: PrivacySettings;
  readonly #settings = new Map<string, { settings: PrivacySettings; constraints: RoutingConstraints }>();
  readonly #defaultView: { settings: PrivacySettings; constraints: RoutingConstraints };
  #version = 0;

  private constructor(store: PrivacyStore, defaults: PrivacySettings) {
    this.#store = store;
    this.#defaults = defaults;
    this.#defaultView = { settings: defaults, constraints: privacyConstraints(defaults) };
  }

  static async load(store: PrivacyStore, defaults: PrivacySettings): Promise<WorkspacePrivacy> {
    const privacy = new WorkspacePrivacy(store, defaults);
    for (const { workspaceId, settings } of await store.listSettings()) privacy.#remember(workspaceId, settings);
    return privacy;
  }

  /** Re-reads every workspace's settings (another node changed some). */
  async reload(): Promise<void> {
    const all = await this.#store.listSettings();
    this.#settings.clear();
    for (const { workspaceId, settings } of all) this.#remember(workspaceId, settings);
    this.#version += 1;
  }

  settingsFor(workspaceId: string): PrivacySettings {
    return this.#view(workspaceId).settings;
  }

  /** The routing limits of the workspace (precomputed). */
  constraintsFor(workspaceId: string): RoutingConstraints {
    return this.#view(workspaceId).constraints;
  }

  /** The response cache keeps copies of completions, so it is off where ZDR is enforced. */
  allowsResponseCache(workspaceId: string): boolean {
    return !this.#view(workspaceId).settings.enforce_zdr;
  }

  /** How long to keep this key's prompts and completions, in ms; undefined = do not log. */
  loggingRetentionMs(workspaceId: string, keyHash: string): number | undefined {
    const { settings } = this.#view(workspaceId);
    const days = settings.key_logging[keyHash] ?? (settings.logging.enabled ? settings.logging.retention_days : undefined);
    return days === undefined ? undefined : days * DAY_MS;
  }

  async update(workspaceId: string, patch: PrivacySettingsPatch): Promise<PrivacySettings> {
    const next = patchPrivacySettings(this.settingsFor(workspaceId), patch);
    await this.#store.putSettings(workspaceId, next);
    this.#remember(workspaceId, next);
    return next;
  }

  #view(workspaceId: string) {
    return this.#settings.get(workspaceId) ?? this.#defaultView;
  }

  /** Bumped on every settings change (the response cache keys on it). */
  get version(): number {
    return this.#version;
  }

  #remember(workspaceId: string, settings: PrivacySettings): void {
    this.#version += 1;
    this.#settings.set(workspaceId, { settings, constraints: privacyConstraints(settings) });
  }

  /** The config defaults, for documentation endpoints and tests. */
  get defaults(): PrivacySettings {
    return this.#defaults;
  }
}
