import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { startSimServer } from '../shared/start-sim-server.js';

/** A request the stand-in received. */
export interface AzureCredentialRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
}

/** A token the stand-in handed out. */
export interface IssuedAzureToken {
  token: string;
  resource: string;
  clientId: string | undefined;
  expiresAt: Date;
}

export interface AzureCredentialStandIn {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** IDENTITY_ENDPOINT: the App Service / Container Apps / Functions managed identity endpoint. */
  identityEndpoint: string;
  /** IDENTITY_HEADER: the secret the platform gives the app, expected in `X-IDENTITY-HEADER`. */
  identityHeader: string;
  requests: AzureCredentialRequest[];
  issued: IssuedAzureToken[];
  /**
   * Tokens currently valid: every issued one is added; a test removes them to revoke (the
   * Azure OpenAI simulator can be given this very array to accept exactly these).
   */
  accepted: string[];
  /** Lifetime of the next tokens handed out. */
  lifetimeSeconds: number;
  /** When set, token requests are refused with this status and the endpoint's error body. */
  failWith: number | undefined;
  close(): Promise<void>;
}

const API_VERSION = '2019-08-01';

/**
 * Stand-in for Azure's App Service managed identity endpoint (also Container Apps and
 * Functions), on loopback, checking what it is sent as the platform does: `GET
 * {IDENTITY_ENDPOINT}?api-version=2019-08-01&resource=…[&client_id=…]` with the
 * `X-IDENTITY-HEADER` secret. It answers `{access_token, expires_on, resource, token_type,
 * client_id}` with a fresh opaque token valid for `lifetimeSeconds`. @azure/identity's
 * ManagedIdentityCredential (through MSAL) calls this endpoint over plain http, as it does on
 * the platform, so DefaultAzureCredential finds it from IDENTITY_ENDPOINT + IDENTITY_HEADER.
 * @see https://learn.microsoft.com/azure/app-service/overview-managed-identity#rest-endpoint-reference
 */
export async function startAzureCredentialStandIn(
  options: {
    lifetimeSeconds?: number;
    identityHeader?: string;
    /** The array issued tokens are added to: pass the Azure OpenAI simulator's `azureAccessTokens` so it accepts them. */
    accepted?: string[];
  } = {},
): Promise<AzureCredentialStandIn> {
  const identityHeader = options.identityHeader ?? `sy-identity-header-${randomBytes(6).toString('hex')}`;
  const requests: AzureCredentialRequest[] = [];
  const issued: IssuedAzureToken[] = [];
  const accepted: string[] = options.accepted ?? [];

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const query = Object.fromEntries(url.searchParams);
    requests.push({ method: req.method ?? 'GET', path: url.pathname, query, headers: req.headers });
    if (req.method !== 'GET' || url.pathname !== '/msi/token') return send(res, 404, { error: 'not_found', error_description: `No route ${req.method} ${url.pathname}` });
    if (req.headers['x-identity-header'] !== identityHeader) {
      return send(res, 401, { statusCode: 401, message: 'The X-IDENTITY-HEADER header is missing or invalid.' });
    }
    if (query['api-version'] !== API_VERSION) return send(res, 400, { statusCode: 400, message: `Unsupported api-version ${String(query['api-version'])}` });
    if (!query.resource) return send(res, 400, { statusCode: 400, message: 'The resource parameter is required.' });
    if (standIn.failWith !== undefined) {
      return send(res, standIn.failWith, { statusCode: standIn.failWith, message: 'No managed identity is assigned to this app, or it was not found.', correlationId: 'sy-stand-in' });
    }
    const expiresAt = new Date(Date.now() + standIn.lifetimeSeconds * 1000);
    const token = `eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.${randomBytes(24).toString('base64url')}.${randomBytes(16).toString('base64url')}`;
    const clientId = query.client_id ?? query.mi_res_id;
    issued.push({ token, resource: query.resource, clientId, expiresAt });
    accepted.push(token);
    send(res, 200, {
      access_token: token,
      expires_on: String(Math.floor(expiresAt.getTime() / 1000)),
      resource: query.resource,
      token_type: 'Bearer',
      client_id: clientId ?? '00000000-0000-0000-0000-00000000a11e',
    });
  }

  const server = await startSimServer({ handle, sendCrash: (res) => send(res, 500, { statusCode: 500, message: 'stand-in crashed' }) });
  const standIn: AzureCredentialStandIn = {
    url: server.origin,
    identityEndpoint: `${server.origin}/msi/token`,
    identityHeader,
    requests,
    issued,
    accepted,
    lifetimeSeconds: options.lifetimeSeconds ?? 3600,
    failWith: undefined,
    close: server.close,
  };
  return standIn;
}
