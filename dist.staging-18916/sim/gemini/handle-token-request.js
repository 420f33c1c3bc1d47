import { createVerify } from "node:crypto";
const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
function handleTokenRequest(options) {
  const { res, form } = options;
  const fail = (error, description) => send(res, 400, { error, error_description: description });
  if (form.get("grant_type") !== JWT_BEARER) return fail("unsupported_grant_type", "Invalid grant_type.");
  const [header, payload, signature] = (form.get("assertion") ?? "").split(".");
  if (!header || !payload || !signature) return fail("invalid_grant", "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.");
  let claims;
  let alg;
  try {
    alg = JSON.parse(Buffer.from(header, "base64url").toString("utf8")).alg;
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return fail("invalid_grant", "Invalid JWT: cannot decode.");
  }
  const now = Math.floor(Date.now() / 1e3);
  if (alg !== "RS256") return fail("invalid_grant", "Invalid JWT: unsupported algorithm.");
  if (claims.aud !== options.tokenUrl) return fail("invalid_grant", "Invalid JWT: audience does not match the token endpoint.");
  if (typeof claims.scope !== "string" || !claims.scope.split(" ").includes("https://www.googleapis.com/auth/cloud-platform")) {
    return fail("invalid_scope", "Invalid OAuth scope or ID token audience provided.");
  }
  if (typeof claims.exp !== "number" || typeof claims.iat !== "number" || claims.exp <= now || claims.exp - claims.iat > 3600) {
    return fail("invalid_grant", "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.");
  }
  if (typeof claims.iss !== "string" || !claims.iss) return fail("invalid_grant", "Invalid JWT: no issuer.");
  if (options.publicKey) {
    const verifier = createVerify("RSA-SHA256");
    verifier.update(`${header}.${payload}`);
    if (!verifier.verify(options.publicKey, Buffer.from(signature, "base64url"))) return fail("invalid_grant", "Invalid JWT Signature.");
  }
  send(res, 200, { access_token: options.issue(), expires_in: options.ttlSeconds, token_type: "Bearer" });
}
function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": String(Buffer.byteLength(text)) });
  res.end(text);
}
export {
  handleTokenRequest
};
//# sourceMappingURL=handle-token-request.js.map
