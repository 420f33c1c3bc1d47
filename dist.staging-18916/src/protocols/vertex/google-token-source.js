import { createPrivateKey, sign } from "node:crypto";
import { request } from "undici";
import { UpstreamError } from "../../core/errors/upstream-error.js";
const SCOPE = "https://www.googleapis.com/auth/cloud-platform";
const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const REFRESH_MARGIN_MS = 5 * 6e4;
const TOKEN_TIMEOUT_MS = 15e3;
class GoogleTokenSource {
  #credentials;
  #now;
  #key;
  #token;
  #pending;
  /** `now` drives cache expiry (tests move it); the JWT always carries wall-clock time. */
  constructor(credentials, options = {}) {
    this.#credentials = credentials;
    this.#now = options.now ?? Date.now;
  }
  /** A valid access token: the cached one, or a fresh one when it is about to expire. */
  getToken(providerName) {
    const now = this.#now();
    const token = this.#token;
    if (token && now < token.refreshAt) return Promise.resolve(token.value);
    this.#pending ??= this.#fetch(providerName).finally(() => {
      this.#pending = void 0;
    });
    if (token && now < token.expiresAt) {
      this.#pending.catch(() => void 0);
      return Promise.resolve(token.value);
    }
    return this.#pending;
  }
  /** Forgets the cached token (the API refused it), so the next call fetches a new one. */
  invalidate() {
    this.#token = void 0;
  }
  async #fetch(providerName) {
    const credentials = this.#credentials;
    const form = new URLSearchParams(
      credentials.type === "service_account" ? { grant_type: JWT_BEARER, assertion: this.#signJwt(credentials) } : { grant_type: "refresh_token", client_id: credentials.clientId, client_secret: credentials.clientSecret, refresh_token: credentials.refreshToken }
    );
    let status;
    let body;
    try {
      const response = await request(credentials.tokenUri, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: form.toString(),
        signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS)
      });
      status = response.statusCode;
      body = await response.body.json().catch(() => ({}));
    } catch (error) {
      throw tokenError(providerName, `the token endpoint could not be reached (${error.code ?? error.message})`, null);
    }
    if (status !== 200 || typeof body.access_token !== "string") {
      const reason = typeof body.error === "string" ? `${body.error}${typeof body.error_description === "string" ? `: ${body.error_description}` : ""}` : `HTTP ${status}`;
      throw tokenError(providerName, `the token endpoint refused the credentials (${reason})`, status);
    }
    const lifetimeMs = (typeof body.expires_in === "number" && body.expires_in > 0 ? body.expires_in : 3600) * 1e3;
    const now = this.#now();
    this.#token = { value: body.access_token, expiresAt: now + lifetimeMs, refreshAt: now + Math.max(lifetimeMs - REFRESH_MARGIN_MS, lifetimeMs / 2) };
    return body.access_token;
  }
  #signJwt(credentials) {
    this.#key ??= createPrivateKey(credentials.privateKey);
    const issuedAt = Math.floor(Date.now() / 1e3);
    const header = { alg: "RS256", typ: "JWT", ...credentials.privateKeyId ? { kid: credentials.privateKeyId } : {} };
    const claims = { iss: credentials.clientEmail, scope: SCOPE, aud: credentials.tokenUri, iat: issuedAt, exp: issuedAt + 3600 };
    const unsigned = `${base64url(header)}.${base64url(claims)}`;
    return `${unsigned}.${sign("RSA-SHA256", Buffer.from(unsigned), this.#key).toString("base64url")}`;
  }
}
function base64url(value) {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}
function tokenError(provider, reason, status) {
  return new UpstreamError("upstream_error", { provider, upstreamStatus: status, retryable: true, message: `Could not get a Google access token for ${provider}: ${reason}` });
}
export {
  GoogleTokenSource
};
//# sourceMappingURL=google-token-source.js.map
