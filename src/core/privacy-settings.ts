import { z } from 'zod';

/**
 * A workspace's privacy settings, as OpenRouter's account privacy page has them: where
 * prompts may go (ZDR only, no data collection, provider and model allow-lists, regions) and
 * whether prompts and completions are logged (off by default, with a retention period).
 * Stored and served in this snake_case shape.
 */
export const privacySettingsSchema = z.strictObject({
  enforce_zdr: z.boolean().default(false),
  data_collection: z.enum(['allow', 'deny']).default('allow'),
  allowed_providers: z.array(z.string().min(1)).nullable().default(null),
  ignored_providers: z.array(z.string().min(1)).default([]),
  allowed_models: z.array(z.string().min(1)).nullable().default(null),
  /** e.g. ["eu"]: only endpoints whose data policy names one of these regions. */
  allowed_regions: z.array(z.string().min(1).toLowerCase()).nullable().default(null),
  logging: z
    .strictObject({ enabled: z.boolean().default(false), retention_days: z.number().int().min(1).max(3650).default(90) })
    .default({ enabled: false, retention_days: 90 }),
  /** Per-key logging opt-in by key hash: retention days, overriding the workspace's choice. */
  key_logging: z.record(z.string().regex(/^[0-9a-f]{64}$/, 'a key hash'), z.number().int().min(1).max(3650)).default({}),
});

export type PrivacySettings = z.infer<typeof privacySettingsSchema>;

/** A PATCH body: any subset of the fields; `key_logging` entries set to null remove an opt-in. */
export const privacySettingsPatchSchema = privacySettingsSchema
  .omit({ key_logging: true })
  .partial()
  .extend({ key_logging: z.record(z.string().regex(/^[0-9a-f]{64}$/, 'a key hash'), z.number().int().min(1).max(3650).nullable()).optional() });

export type PrivacySettingsPatch = z.infer<typeof privacySettingsPatchSchema>;

/** Settings nobody changed: route anywhere, log nothing. */
export const DEFAULT_PRIVACY_SETTINGS: PrivacySettings = privacySettingsSchema.parse({});

/** Applies a PATCH body to settings. */
export function patchPrivacySettings(settings: PrivacySettings, patch: PrivacySettingsPatch): PrivacySettings {
  const { key_logging: keyLogging, ...rest } = patch;
  const next: PrivacySettings = { ...settings, ...rest, key_logging: { ...settings.key_logging } };
  for (const [hash, days] of Object.entries(keyLogging ?? {})) {
    if (days === null) delete next.key_logging[hash];
    else next.key_logging[hash] = days;
  }
  return next;
}
