import type { AuditValues } from '../stores/audit-store.js';

/** Field names whose values are secrets wherever they appear in a recorded value. */
const SECRET_FIELD = /^(key|api_?key|secret|token|password|authorization|plaintext|access_key|secret_access_key|client_secret|master_key)$/i;

/** Marks a secret that was set or changed, without its value. */
export const SCRUBBED = '[secret]';

/**
 * A deep copy of `values` with every secret-named field replaced by `[secret]` (so the trail
 * still shows that a provider key was rotated) and every string that looks like a bearer key
 * (`sk-…` longer than a masked label) dropped too.
 */
export function scrubAuditValues(values: AuditValues): AuditValues {
  return scrub(values) as AuditValues;
}

function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub);
  if (value !== null && typeof value === 'object') {
    const out: AuditValues = {};
    for (const [field, inner] of Object.entries(value)) {
      out[field] = SECRET_FIELD.test(field) && inner !== null && inner !== undefined ? SCRUBBED : scrub(inner);
    }
    return out;
  }
  if (typeof value === 'string' && /\bsk-[A-Za-z0-9_-]{24,}/.test(value)) return SCRUBBED;
  return value;
}
