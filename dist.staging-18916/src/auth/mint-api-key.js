import { createHash, randomBytes } from "node:crypto";
const PREFIX = "sk-or-v1-";
function mintApiKey() {
  const plaintext = `${PREFIX}${randomBytes(32).toString("hex")}`;
  return { plaintext, hash: hashApiKey(plaintext), label: maskApiKey(plaintext) };
}
function hashApiKey(plaintext) {
  return createHash("sha256").update(plaintext).digest("hex");
}
function maskApiKey(plaintext) {
  return `${plaintext.slice(0, PREFIX.length + 3)}...${plaintext.slice(-3)}`;
}
export {
  hashApiKey,
  maskApiKey,
  mintApiKey
};
//# sourceMappingURL=mint-api-key.js.map
