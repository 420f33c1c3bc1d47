import { z } from "zod";
const privacySettingsSchema = z.strictObject({
  enforce_zdr: z.boolean().default(false),
  data_collection: z.enum(["allow", "deny"]).default("allow"),
  allowed_providers: z.array(z.string().min(1)).nullable().default(null),
  ignored_providers: z.array(z.string().min(1)).default([]),
  allowed_models: z.array(z.string().min(1)).nullable().default(null),
  /** e.g. ["eu"]: only endpoints whose data policy names one of these regions. */
  allowed_regions: z.array(z.string().min(1).toLowerCase()).nullable().default(null),
  logging: z.strictObject({ enabled: z.boolean().default(false), retention_days: z.number().int().min(1).max(3650).default(90) }).default({ enabled: false, retention_days: 90 }),
  /** Per-key logging opt-in by key hash: retention days, overriding the workspace's choice. */
  key_logging: z.record(z.string().regex(/^[0-9a-f]{64}$/, "a key hash"), z.number().int().min(1).max(3650)).default({})
});
const privacySettingsPatchSchema = privacySettingsSchema.omit({ key_logging: true }).partial().extend({ key_logging: z.record(z.string().regex(/^[0-9a-f]{64}$/, "a key hash"), z.number().int().min(1).max(3650).nullable()).optional() });
const DEFAULT_PRIVACY_SETTINGS = privacySettingsSchema.parse({});
function patchPrivacySettings(settings, patch) {
  const { key_logging: keyLogging, ...rest } = patch;
  const next = { ...settings, ...rest, key_logging: { ...settings.key_logging } };
  for (const [hash, days] of Object.entries(keyLogging ?? {})) {
    if (days === null) delete next.key_logging[hash];
    else next.key_logging[hash] = days;
  }
  return next;
}
export {
  DEFAULT_PRIVACY_SETTINGS,
  patchPrivacySettings,
  privacySettingsPatchSchema,
  privacySettingsSchema
};
//# sourceMappingURL=privacy-settings.js.map
