import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { request } from 'undici';
import { UpstreamError } from '../../core/errors/upstream-error.js';
import type { GoogleCredentials } from '../../core/provider-types.js';

const SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Refresh this long before expiry (or at half the lifetime for short-lived tokens). */
const REFRESH_MARGIN_MS = 5 * 60_000;
const TOKEN_TIMEOUT_MS = 15_000;

/**
 * OAuth access tokens for Google credentials: a service account's RS256-signed JWT (or an
 * authorized user's refresh token) exchanged at the credentials' `token_uri`. The token is
 * cached and refreshed before it expires; concurrent callers share one refresh (single
 * flight), so a burst of requests costs one token request.
 * @see https://developers.google.com/identity/protocols/oauth2/service-account#httprest
 */
export class GoogleTokenSource {
  readonly #credentials: GoogleCredentials;
  readonly #now: () => number;
  #key: KeyObject | undefined;
  #token: { value: string; refreshAt: number; expiresAt: number } | undefined;
  #pending: Promise<string> | undefined;

  /** `now` drives cache expiry (tests move it); the JWT always carries wall-clock time. */
  constructor(credentials: GoogleCredentials, options: { now?: () => number } = {}) {
    this.#credentials = credentials;
    this.#now = options.now ?? Date.now;
  }

  /** A valid access token: the cached one, or a fresh one when it is about to expire. */
  getToken(providerName: string): Promise<string> {
    const now = this.#now();
    const token = this.#token;
    if (token && now < token.refreshAt) return Promise.resolve(token.value);
    // Still valid but due for refresh: callers keep using it unless no refresh is under way yet.
    this.#pending ??= this.#fetch(providerName).finally(() => {
      this.#pending = undefined;
    });
    if (token && now < token.expiresAt) {
      this.#pending.catch(() => undefined);
      return Promise.resolve(token.value);
    }
    return this.#pending;
  }

  /** Forgets the cached token (the API refused it), so the next call fetches a new one. */
  invalidate(): void {
    this.#token = undefined;
  }

  async #fetch(providerName: string): Promise<string> {
    const credentials = this.#credentials;
    const form = new URLSearchParams(
      credentials.type === 'service_account'
        ? { grant_type: JWT_BEARER, assertion: this.#signJwt(credentials) }
        : { grant_type: 'refresh_token', client_id: credentials.clientId, client_secret: credentials.clientSecret, refresh_token: credentials.refreshToken },
    );
    let status: number;
    let body: { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown };
    try {
      const response = await request(credentials.tokenUri, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
      });
      status = response.statusCode;
      body = (await response.body.json().catch(() => ({}))) as typeof body;
    } catch (error) {
      throw tokenError(providerName, `the token endpoint could not be reached (${(error as { code?: string }).code ?? (error as Error).message})`, null);
    }
    if (status !== 200 || typeof body.access_token !== 'string') {
      const reason = typeof body.error === 'string' ? `${body.error}${typeof body.error_description === 'string' ? `: ${body.error_description}` : ''}` : `HTTP ${status}`;
      throw tokenError(providerName, `the token endpoint refused the credentials (${reason})`, status);
    }
    const lifetimeMs = (typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 3600) * 1000;
    const now = this.#now();
    this.#token = { value: body.access_token, expiresAt: now + lifetimeMs, refreshAt: now + Math.max(lifetimeMs - REFRESH_MARGIN_MS, lifetimeMs / 2) };
    return body.access_token;
  }

  #signJwt(credentials: Extract<GoogleCredentials, { type: 'service_account' }>): string {
    this.#key ??= createPrivateKey(credentials.privateKey);
    // Wall-clock time: the token endpoint checks it (the injectable clock only drives the cache).
    const issuedAt = Math.floor(Date.now() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', ...(credentials.privateKeyId ? { kid: credentials.privateKeyId } : {}) };
    const claims = { iss: credentials.clientEmail, scope: SCOPE, aud: credentials.tokenUri, iat: issuedAt, exp: issuedAt + 3600 };
    const unsigned = `${base64url(header)}.${base64url(claims)}`;
    return `${unsigned}.${sign('RSA-SHA256', Buffer.from(unsigned), this.#key).toString('base64url')}`;
  }
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** No token means the gateway's credentials failed: 502, retryable so another endpoint can serve. */
function tokenError(provider: string, reason: string, status: number | null): UpstreamError {
  return new UpstreamError('upstream_error', { provider, upstreamStatus: status, retryable: true, message: `Could not get a Google access token for ${provider}: ${reason}` });
}
