import { createVerify } from 'node:crypto';
import type { ServerResponse } from 'node:http';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/**
 * A fake Google OAuth token endpoint (`token_uri` of a service account): checks the
 * JWT-bearer grant — RS256, `aud` = this endpoint, the cloud-platform scope, a live `exp`,
 * and the signature when the service account's public key is known — and issues an access
 * token. Errors use OAuth's `{error, error_description}` shape, as Google's endpoint does.
 * @see https://developers.google.com/identity/protocols/oauth2/service-account#httprest
 */
export function handleTokenRequest(options: {
  res: ServerResponse;
  form: URLSearchParams;
  tokenUrl: string;
  publicKey: string | undefined;
  ttlSeconds: number;
  issue: () => string;
}): void {
  const { res, form } = options;
  const fail = (error: string, description: string) => send(res, 400, { error, error_description: description });
  if (form.get('grant_type') !== JWT_BEARER) return fail('unsupported_grant_type', 'Invalid grant_type.');
  const [header, payload, signature] = (form.get('assertion') ?? '').split('.');
  if (!header || !payload || !signature) return fail('invalid_grant', 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.');
  let claims: { iss?: unknown; aud?: unknown; scope?: unknown; exp?: unknown; iat?: unknown };
  let alg: unknown;
  try {
    alg = (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown }).alg;
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof claims;
  } catch {
    return fail('invalid_grant', 'Invalid JWT: cannot decode.');
  }
  const now = Math.floor(Date.now() / 1000);
  if (alg !== 'RS256') return fail('invalid_grant', 'Invalid JWT: unsupported algorithm.');
  if (claims.aud !== options.tokenUrl) return fail('invalid_grant', 'Invalid JWT: audience does not match the token endpoint.');
  if (typeof claims.scope !== 'string' || !claims.scope.split(' ').includes('https://www.googleapis.com/auth/cloud-platform')) {
    return fail('invalid_scope', 'Invalid OAuth scope or ID token audience provided.');
  }
  if (typeof claims.exp !== 'number' || typeof claims.iat !== 'number' || claims.exp <= now || claims.exp - claims.iat > 3600) {
    return fail('invalid_grant', 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.');
  }
  if (typeof claims.iss !== 'string' || !claims.iss) return fail('invalid_grant', 'Invalid JWT: no issuer.');
  if (options.publicKey) {
    const verifier = createVerify('RSA-SHA256');
    verifier.update(`${header}.${payload}`);
    if (!verifier.verify(options.publicKey, Buffer.from(signature, 'base64url'))) return fail('invalid_grant', 'Invalid JWT Signature.');
  }
  send(res, 200, { access_token: options.issue(), expires_in: options.ttlSeconds, token_type: 'Bearer' });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

/**
 * A service account's self-signed JWT used directly as the access token (what Google's client
 * libraries send with `useJWTAccessWithScope`): RS256 signed by the account's key, `iss` =
 * `sub` = the account, the cloud-platform scope, live and at most an hour long.
 * @see https://developers.google.com/identity/protocols/oauth2/service-account#jwt-auth
 */
export function verifySelfSignedJwt(token: string, publicKey: string | undefined): boolean {
  const [header, payload, signature] = token.split('.');
  if (!publicKey || !header || !payload || !signature) return false;
  let claims: { iss?: unknown; sub?: unknown; scope?: unknown; exp?: unknown; iat?: unknown };
  try {
    if ((JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown }).alg !== 'RS256') return false;
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof claims;
  } catch {
    return false;
  }
  const now = Math.floor(Date.now() / 1000);
  if (typeof claims.iss !== 'string' || claims.iss !== claims.sub) return false;
  if (typeof claims.scope !== 'string' || !claims.scope.split(' ').includes('https://www.googleapis.com/auth/cloud-platform')) return false;
  if (typeof claims.exp !== 'number' || typeof claims.iat !== 'number' || claims.exp <= now || claims.exp - claims.iat > 3600) return false;
  const verifier = createVerify('RSA-SHA256');
  verifier.update(`${header}.${payload}`);
  return verifier.verify(publicKey, Buffer.from(signature, 'base64url'));
}
