import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { readSimBody } from '../shared/read-sim-body.js';
import { startSimServer } from '../shared/start-sim-server.js';

/** A request the stand-in received. */
export interface GoogleCredentialRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Form fields (token endpoints) or JSON (IAM Credentials). */
  body: Record<string, unknown> | undefined;
}

export interface IssuedGoogleToken {
  token: string;
  via: 'metadata' | 'sts' | 'impersonation' | 'refresh-token';
  expiresAt: Date;
}

export interface GoogleCredentialStandIn {
  /** `127.0.0.1:PORT`, for GCE_METADATA_HOST. */
  metadataHost: string;
  /** STS token exchange URL (`token_url` of an external_account). */
  stsTokenUrl: string;
  /** OAuth token endpoint (`token_uri` of authorized_user credentials). */
  oauthTokenUrl: string;
  /** `service_account_impersonation_url` for the service account `email`. */
  impersonationUrl(email: string): string;
  requests: GoogleCredentialRequest[];
  issued: IssuedGoogleToken[];
  /** Lifetime of the next tokens handed out, in seconds. */
  lifetimeSeconds: number;
  /** When set, token answers wait for it (a slow metadata server). */
  hold: Promise<void> | undefined;
  close(): Promise<void>;
}

const CLOUD_PLATFORM = 'https://www.googleapis.com/auth/cloud-platform';
const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';

/**
 * Stand-in for the places google-auth-library gets Google access tokens from, on loopback,
 * each checking what it is sent:
 * - the metadata server (GCE_METADATA_HOST): `Metadata-Flavor: Google` required, the default
 *   service account's token, the project id;
 * - STS (`POST /v1/token`): a token exchange of the expected subject token (the workload's
 *   OIDC token) for the expected workload identity pool audience;
 * - IAM Credentials (`POST /v1/projects/-/serviceAccounts/{email}:generateAccessToken`):
 *   service-account impersonation, the bearer must be a token STS issued;
 * - an OAuth token endpoint (`POST /token`): the refresh-token grant of user credentials.
 * `onIssue` tells the test (and the Vertex simulator) every token handed out.
 */
export async function startGoogleCredentialStandIn(options: {
  projectId?: string;
  subjectToken?: string;
  audience?: string;
  refreshToken?: { clientId: string; clientSecret: string; refreshToken: string };
  lifetimeSeconds?: number;
  onIssue(token: string): void;
}): Promise<GoogleCredentialStandIn> {
  let counter = 0;
  const stsTokens = new Set<string>();
  const standIn: Pick<GoogleCredentialStandIn, 'requests' | 'issued' | 'lifetimeSeconds' | 'hold'> = {
    requests: [],
    issued: [],
    lifetimeSeconds: options.lifetimeSeconds ?? 3600,
    hold: undefined,
  };

  async function issue(via: IssuedGoogleToken['via']): Promise<{ token: string; seconds: number; expiresAt: Date }> {
    if (standIn.hold) await standIn.hold;
    counter += 1;
    const token = `ya29.stand-in-${via}-${counter}-${randomBytes(6).toString('hex')}`;
    const seconds = standIn.lifetimeSeconds;
    const expiresAt = new Date(Date.now() + seconds * 1000);
    standIn.issued.push({ token, via, expiresAt });
    if (via === 'sts') stsTokens.add(token);
    else options.onIssue(token);
    return { token, seconds, expiresAt };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const [path = '/', query = ''] = (req.url ?? '/').split('?', 2);
    const raw = method === 'POST' ? await readSimBody(req) : '';
    let body: Record<string, unknown> | undefined;
    if (raw) {
      try {
        body = String(req.headers['content-type'] ?? '').includes('json') ? (JSON.parse(raw) as Record<string, unknown>) : Object.fromEntries(new URLSearchParams(raw));
      } catch {
        body = undefined;
      }
    }
    standIn.requests.push({ method, path: query ? `${path}?${query}` : path, headers: req.headers, body });

    if (path.startsWith('/computeMetadata/v1/')) {
      if (req.headers['metadata-flavor'] !== 'Google') return sendMetadata(res, 403, 'Missing required header: Metadata-Flavor');
      const item = path.slice('/computeMetadata/v1/'.length);
      if (item === 'instance' || item === 'instance/') return sendMetadata(res, 200, 'attributes/\nhostname\nservice-accounts/\n');
      if (item === 'project/project-id') return options.projectId ? sendMetadata(res, 200, options.projectId) : sendMetadata(res, 404, 'Not Found');
      if (item === 'instance/service-accounts/default/token') {
        const scopes = new URLSearchParams(query).get('scopes');
        if (scopes !== null && !scopes.split(',').includes(CLOUD_PLATFORM)) return sendMetadata(res, 400, 'scope not granted');
        const { token, seconds } = await issue('metadata');
        return sendJson(res, 200, { access_token: token, expires_in: seconds, token_type: 'Bearer' }, { 'metadata-flavor': 'Google' });
      }
      return sendMetadata(res, 404, 'Not Found');
    }
    if (method === 'POST' && path === '/v1/token') {
      if (body?.grant_type !== TOKEN_EXCHANGE) return sendJson(res, 400, { error: 'invalid_request', error_description: 'Invalid grant_type' });
      if (!options.subjectToken || body.subject_token !== options.subjectToken) return sendJson(res, 400, { error: 'invalid_grant', error_description: 'The subject token is invalid.' });
      if (options.audience && body.audience !== options.audience) return sendJson(res, 400, { error: 'invalid_target', error_description: 'The target service indicated by the "audience" parameters is invalid.' });
      const { token, seconds } = await issue('sts');
      return sendJson(res, 200, { access_token: token, issued_token_type: 'urn:ietf:params:oauth:token-type:access_token', token_type: 'Bearer', expires_in: seconds });
    }
    const impersonate = /^\/v1\/projects\/-\/serviceAccounts\/([^/:]+):generateAccessToken$/.exec(path);
    if (method === 'POST' && impersonate) {
      const bearer = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
      if (!bearer || !stsTokens.has(bearer)) return sendJson(res, 401, { error: { code: 401, status: 'UNAUTHENTICATED', message: 'Request had invalid authentication credentials.' } });
      const scope = body?.scope;
      if (!Array.isArray(scope) || !scope.includes(CLOUD_PLATFORM)) return sendJson(res, 400, { error: { code: 400, status: 'INVALID_ARGUMENT', message: 'scope is required' } });
      const { token, expiresAt } = await issue('impersonation');
      return sendJson(res, 200, { accessToken: token, expireTime: expiresAt.toISOString() });
    }
    if (method === 'POST' && path === '/token') {
      const grant = options.refreshToken;
      if (body?.grant_type !== 'refresh_token' || !grant) return sendJson(res, 400, { error: 'unsupported_grant_type', error_description: 'Invalid grant_type.' });
      if (body.refresh_token !== grant.refreshToken || body.client_id !== grant.clientId || body.client_secret !== grant.clientSecret) {
        return sendJson(res, 400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
      }
      const { token, seconds } = await issue('refresh-token');
      return sendJson(res, 200, { access_token: token, expires_in: seconds, token_type: 'Bearer', scope: CLOUD_PLATFORM });
    }
    return sendJson(res, 404, { error: 'not_found' });
  }

  const server = await startSimServer({ handle, sendCrash: (res) => sendJson(res, 500, { error: 'internal' }) });
  return Object.assign(standIn, {
    metadataHost: server.origin.replace(/^http:\/\//, ''),
    stsTokenUrl: `${server.origin}/v1/token`,
    oauthTokenUrl: `${server.origin}/token`,
    impersonationUrl: (email: string) => `${server.origin}/v1/projects/-/serviceAccounts/${email}:generateAccessToken`,
    close: () => server.close(),
  });
}

function sendMetadata(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'application/text', 'metadata-flavor': 'Google', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
