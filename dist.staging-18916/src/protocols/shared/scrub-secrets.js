const SECRET_LIKE = /\b(?:(?:sk|pk|rk|key|gsk|xai)[-_][A-Za-z0-9*._-]{6,}|AIza[A-Za-z0-9_-]{20,}|(?:AKIA|ASIA)[A-Z0-9]{12,}\b)/g;
function scrubSecretText(text) {
  return text.replace(SECRET_LIKE, "[REDACTED_KEY]");
}
function scrubSecrets(raw) {
  if (raw === void 0) return void 0;
  const text = typeof raw === "string" ? raw : JSON.stringify(raw);
  if (text.search(SECRET_LIKE) < 0) return raw;
  const scrubbed = scrubSecretText(text);
  return typeof raw === "string" ? scrubbed : JSON.parse(scrubbed);
}
export {
  scrubSecretText,
  scrubSecrets
};
//# sourceMappingURL=scrub-secrets.js.map
