const SECRET_FIELD = /^(key|api_?key|secret|token|password|authorization|plaintext|access_key|secret_access_key|client_secret|master_key)$/i;
const SCRUBBED = "[secret]";
function scrubAuditValues(values) {
  return scrub(values);
}
function scrub(value) {
  if (Array.isArray(value)) return value.map(scrub);
  if (value !== null && typeof value === "object") {
    const out = {};
    for (const [field, inner] of Object.entries(value)) {
      out[field] = SECRET_FIELD.test(field) && inner !== null && inner !== void 0 ? SCRUBBED : scrub(inner);
    }
    return out;
  }
  if (typeof value === "string" && /\bsk-[A-Za-z0-9_-]{24,}/.test(value)) return SCRUBBED;
  return value;
}
export {
  SCRUBBED,
  scrubAuditValues
};
//# sourceMappingURL=scrub-audit-values.js.map
