import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { readSimBody } from '../shared/read-sim-body.js';
import { startSimServer } from '../shared/start-sim-server.js';
import { verifyAuthorization, type SimAwsCredential } from '../bedrock/verify-sigv4.js';

/** A request the stand-in received. */
export interface AwsCredentialRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** STS: the form fields (Action, RoleArn, WebIdentityToken, …). */
  form?: Record<string, string>;
  /** The access key id of a SigV4-signed STS call (AssumeRole). */
  signedBy?: string;
}

/** Credentials the stand-in handed out, with the route that handed them out. */
export interface IssuedAwsCredential extends SimAwsCredential {
  sessionToken: string;
  expiration: Date;
  via: 'imds' | 'container' | 'web-identity' | 'assume-role';
}

export interface AwsCredentialStandIn {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** AWS_EC2_METADATA_SERVICE_ENDPOINT */
  imdsEndpoint: string;
  /** AWS_CONTAINER_CREDENTIALS_FULL_URI */
  containerCredentialsUri: string;
  /** AWS_ENDPOINT_URL_STS */
  stsEndpoint: string;
  requests: AwsCredentialRequest[];
  issued: IssuedAwsCredential[];
  /**
   * Credentials currently valid: every issued one is added; a test removes them to revoke (the
   * Bedrock simulator can be given this very array to accept exactly these).
   */
  accepted: SimAwsCredential[];
  /** Lifetime of the next credentials handed out. */
  lifetimeMs: number;
  /** When set, credential answers wait for it (a slow metadata service). */
  hold: Promise<void> | undefined;
  close(): Promise<void>;
}

const ROLE_NAME = 'switchyard-instance-role';
const CONTAINER_PATH = '/v2/credentials/task-1';

/**
 * Stand-in for the places the AWS SDK's Node credential chain fetches credentials from, on
 * loopback, each checking what it is sent the way AWS does:
 * - EC2 instance metadata, IMDSv2 only: `PUT /latest/api/token` with a TTL header, then the
 *   role name and its credentials with `x-aws-ec2-metadata-token`;
 * - the ECS / EKS Pod Identity container endpoint: `GET /v2/credentials/…` with the
 *   `Authorization` token the test configures;
 * - STS (`POST /`, query protocol): `AssumeRoleWithWebIdentity` with the expected web identity
 *   token, and `AssumeRole` SigV4-signed (service `sts`) by one of `baseCredentials`.
 * Every answer is fresh temporary credentials (`ASIA…` with a session token) valid for `lifetimeMs`.
 */
export async function startAwsCredentialStandIn(options: {
  containerAuthorization?: string;
  webIdentityToken?: string;
  /** Keys allowed to call AssumeRole. */
  baseCredentials?: SimAwsCredential[];
  lifetimeMs?: number;
}): Promise<AwsCredentialStandIn> {
  const imdsTokens = new Set<string>();
  let counter = 0;

  const standIn: Omit<AwsCredentialStandIn, 'url' | 'imdsEndpoint' | 'containerCredentialsUri' | 'stsEndpoint' | 'close'> = {
    requests: [],
    issued: [],
    accepted: [],
    lifetimeMs: options.lifetimeMs ?? 3_600_000,
    hold: undefined,
  };

  async function issue(via: IssuedAwsCredential['via']): Promise<IssuedAwsCredential> {
    if (standIn.hold) await standIn.hold;
    counter += 1;
    const credential: IssuedAwsCredential = {
      accessKeyId: `ASIASTANDIN${String(counter).padStart(9, '0')}`,
      secretAccessKey: randomBytes(20).toString('base64'),
      sessionToken: `stand-in-session-${counter}-${randomBytes(12).toString('hex')}`,
      expiration: new Date(Date.now() + standIn.lifetimeMs),
      via,
    };
    standIn.issued.push(credential);
    standIn.accepted.push(credential);
    return credential;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const raw = await readSimBody(req);
    const record: AwsCredentialRequest = { method, path, headers: req.headers };
    standIn.requests.push(record);

    if (path === '/latest/api/token') {
      const ttl = Number(req.headers['x-aws-ec2-metadata-token-ttl-seconds']);
      if (method !== 'PUT' || !(ttl >= 1 && ttl <= 21600)) return send(res, 400, 'text/plain', 'Bad Request');
      const token = `imds-token-${randomBytes(8).toString('hex')}`;
      imdsTokens.add(token);
      return send(res, 200, 'text/plain', token, { 'x-aws-ec2-metadata-token-ttl-seconds': String(ttl) });
    }
    if (path.startsWith('/latest/meta-data/iam/security-credentials/')) {
      // IMDSv2 only: a GET without a session token is refused as on an instance with v1 disabled.
      if (!imdsTokens.has(String(req.headers['x-aws-ec2-metadata-token'] ?? ''))) return send(res, 401, 'text/plain', 'Unauthorized');
      const name = path.slice('/latest/meta-data/iam/security-credentials/'.length);
      if (name === '') return send(res, 200, 'text/plain', ROLE_NAME);
      if (name !== ROLE_NAME) return send(res, 404, 'text/plain', 'Not Found');
      const credential = await issue('imds');
      return sendJson(res, 200, {
        Code: 'Success',
        LastUpdated: new Date().toISOString(),
        Type: 'AWS-HMAC',
        AccessKeyId: credential.accessKeyId,
        SecretAccessKey: credential.secretAccessKey,
        Token: credential.sessionToken,
        Expiration: credential.expiration.toISOString(),
      });
    }
    if (path === CONTAINER_PATH) {
      if (options.containerAuthorization === undefined || req.headers.authorization !== options.containerAuthorization) {
        return sendJson(res, 401, { code: 'AccessDenied', message: 'Unauthorized' });
      }
      const credential = await issue('container');
      return sendJson(res, 200, {
        AccessKeyId: credential.accessKeyId,
        SecretAccessKey: credential.secretAccessKey,
        Token: credential.sessionToken,
        Expiration: credential.expiration.toISOString(),
      });
    }
    if (method === 'POST' && path.split('?')[0] === '/') {
      const form = Object.fromEntries(new URLSearchParams(raw));
      record.form = form;
      if (form.Action === 'AssumeRoleWithWebIdentity') {
        if (!options.webIdentityToken || form.WebIdentityToken !== options.webIdentityToken) {
          return stsError(res, 400, 'InvalidIdentityToken', 'Couldn\'t retrieve verification key from your identity provider');
        }
        const credential = await issue('web-identity');
        return sendXml(res, assumeRoleXml('AssumeRoleWithWebIdentity', credential, form.RoleArn ?? '', form.RoleSessionName ?? ''));
      }
      if (form.Action === 'AssumeRole') {
        const auth = await verifyAuthorization({ method, rawPath: path, headers: req.headers, body: raw, credentials: options.baseCredentials ?? [], service: 'sts' });
        if (!auth.ok) return stsError(res, 403, 'SignatureDoesNotMatch', auth.message);
        record.signedBy = auth.accessKeyId;
        const credential = await issue('assume-role');
        return sendXml(res, assumeRoleXml('AssumeRole', credential, form.RoleArn ?? '', form.RoleSessionName ?? ''));
      }
      return stsError(res, 400, 'InvalidAction', `Could not find operation ${form.Action ?? ''}`);
    }
    return send(res, 404, 'text/plain', 'Not Found');
  }

  const server = await startSimServer({ handle, sendCrash: (res) => send(res, 500, 'text/plain', 'Internal Error') });
  return Object.assign(standIn, {
    url: server.origin,
    imdsEndpoint: server.origin,
    containerCredentialsUri: `${server.origin}${CONTAINER_PATH}`,
    stsEndpoint: server.origin,
    close: () => server.close(),
  });
}

function assumeRoleXml(action: 'AssumeRole' | 'AssumeRoleWithWebIdentity', credential: IssuedAwsCredential, roleArn: string, sessionName: string): string {
  const user = action === 'AssumeRoleWithWebIdentity' ? '<SubjectFromWebIdentityToken>system:serviceaccount:default:switchyard</SubjectFromWebIdentityToken>' : '';
  return `<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <${action}Result>
    ${user}
    <AssumedRoleUser><Arn>${escapeXml(roleArn.replace(':iam::', ':sts::').replace(':role/', ':assumed-role/'))}/${escapeXml(sessionName)}</Arn><AssumedRoleId>AROASTANDIN:${escapeXml(sessionName)}</AssumedRoleId></AssumedRoleUser>
    <Credentials>
      <AccessKeyId>${credential.accessKeyId}</AccessKeyId>
      <SecretAccessKey>${escapeXml(credential.secretAccessKey)}</SecretAccessKey>
      <SessionToken>${credential.sessionToken}</SessionToken>
      <Expiration>${credential.expiration.toISOString()}</Expiration>
    </Credentials>
  </${action}Result>
  <ResponseMetadata><RequestId>${randomBytes(8).toString('hex')}</RequestId></ResponseMetadata>
</${action}Response>`;
}

function stsError(res: ServerResponse, status: number, code: string, message: string): void {
  sendXml(
    res,
    `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>stand-in</RequestId></ErrorResponse>`,
    status,
  );
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function sendXml(res: ServerResponse, body: string, status = 200): void {
  send(res, status, 'text/xml', body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json', JSON.stringify(body));
}

function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}
