import type { AuthClient, GoogleAuth } from 'google-auth-library';
import type { GoogleCredential } from '../../core/provider-types.js';
import { describeCredentialError } from './describe-credential-error.js';
import { RefreshAheadCredential } from './refresh-ahead-credential.js';

const CLOUD_PLATFORM = 'https://www.googleapis.com/auth/cloud-platform';
/**
 * How long to trust a token whose expiry the library does not expose (a service account's
 * self-signed JWT, which the library itself caches and re-signs): ask it again after this.
 */
const UNKNOWN_EXPIRY_MS = 5 * 60_000;

/** Which kind of Google credential answered, by the google-auth-library client that ADC picked. */
const RESOLVED_VIA: Record<string, string> = {
  JWT: 'service account key (self-signed JWT)',
  UserRefreshClient: 'user credentials (gcloud auth application-default login)',
  Compute: 'metadata server (GCE, GKE, Cloud Run)',
  IdentityPoolClient: 'workload identity federation',
  AwsClient: 'workload identity federation (AWS)',
  PluggableAuthClient: 'workload identity federation (executable)',
  ExternalAccountAuthorizedUserClient: 'workforce identity federation',
  Impersonated: 'service account impersonation',
};

/**
 * Google OAuth access tokens through google-auth-library's Application Default Credentials:
 * the given credentials JSON (service account, authorized user, external account for workload
 * identity federation with optional service-account impersonation, impersonated service
 * account), else ADC's own search — GOOGLE_APPLICATION_CREDENTIALS, gcloud's user credentials
 * file, the metadata server (GCE, GKE workload identity, Cloud Run). Service accounts sign their
 * own JWT access tokens (as Google's client libraries do), so they need no token endpoint.
 * Cached and refreshed ahead of expiry without blocking requests.
 * @see https://cloud.google.com/docs/authentication/application-default-credentials
 */
export function createGoogleCredentialSource(options: { source: string; credentials?: Record<string, unknown>; projectId?: string }): GoogleCredential {
  const json = options.credentials;
  let auth: Promise<GoogleAuth> | undefined;
  const load = async (): Promise<GoogleAuth> => {
    // Loaded on first use, so a gateway without a Vertex provider never pays for it.
    const { GoogleAuth } = await import('google-auth-library');
    const tokenUri = json?.type === 'authorized_user' && typeof json.token_uri === 'string' ? json.token_uri : undefined;
    const googleAuth = new GoogleAuth({
      scopes: [CLOUD_PLATFORM],
      // A known project spares ADC its project search (gcloud, the metadata server).
      ...(options.projectId ? { projectId: options.projectId } : {}),
      ...(json ? { credentials: json } : {}),
      ...(tokenUri ? { clientOptions: { endpoints: { oauth2TokenUrl: tokenUri } } } : {}),
    });
    // As Google's own API client libraries do: service accounts sign scoped JWT access tokens themselves.
    googleAuth.useJWTAccessWithScope = true;
    return googleAuth;
  };
  const credential = new RefreshAheadCredential<string>({
    source: options.source,
    describeError: describeCredentialError,
    secretsOf: (token) => [token],
    // A token the API refused: start from a new client, whose cache is empty.
    onInvalidate: () => {
      auth = undefined;
    },
    fetch: async () => {
      auth ??= load();
      const client: AuthClient = await (await auth).getClient();
      const header = (await client.getRequestHeaders()).get('authorization') ?? '';
      const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
      if (!token) throw new Error('the Google credentials gave no bearer token');
      const expiry = client.credentials.expiry_date;
      const via = RESOLVED_VIA[client.constructor.name];
      return { value: token, expiresAt: typeof expiry === 'number' && expiry > 0 ? expiry : Date.now() + UNKNOWN_EXPIRY_MS, ...(via ? { resolvedVia: via } : {}) };
    },
  });
  return Object.assign(credential, {
    async projectId(): Promise<string> {
      auth ??= load();
      return (await auth).getProjectId();
    },
  });
}
