const TOKEN_LIKE = /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+\.?[A-Za-z0-9_-]*|\bya29\.[A-Za-z0-9_.-]+|\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b/g;
const MAX_LENGTH = 300;
function describeCredentialError(error) {
  const { name, code, message } = error ?? {};
  const text = typeof message === "string" && message ? message.split("\n")[0].trim() : String(error);
  const label = typeof code === "string" && code && !text.includes(code) ? `${code}: ` : typeof name === "string" && name && name !== "Error" && !text.includes(name) ? `${name}: ` : "";
  const line = `${label}${text}`.replace(TOKEN_LIKE, "[REDACTED]");
  return line.length > MAX_LENGTH ? `${line.slice(0, MAX_LENGTH - 1)}\u2026` : line;
}
export {
  describeCredentialError
};
//# sourceMappingURL=describe-credential-error.js.map
