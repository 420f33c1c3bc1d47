import { readFileSync } from 'node:fs';
import type { ProviderConfig } from '../config/config-schema.js';
import { resolveSecret } from '../config/resolve-secret.js';
import type { GoogleCredentials, VertexSettings } from '../core/provider-types.js';

const DEFAULT_TOKEN_URI = 'https://oauth2.googleapis.com/token';

/**
 * Vertex AI settings for a provider, resolved once at start-up: credentials from the config's
 * `vertex.credentials` (a file path, inline JSON or `env:NAME`) or `GOOGLE_APPLICATION_CREDENTIALS`;
 * project from config, `GOOGLE_CLOUD_PROJECT` or the credentials' `project_id`; region from
 * config or `GOOGLE_CLOUD_LOCATION`, else `global`. Without credentials an API key means
 * Vertex express mode. Problems throw with a message naming the provider and never the secret.
 * @see https://cloud.google.com/docs/authentication/application-default-credentials
 */
export function resolveVertexSettings(options: { providerId: string; config: ProviderConfig['vertex']; env: NodeJS.ProcessEnv; hasApiKey: boolean }): VertexSettings {
  const { providerId, config, env } = options;
  const source = resolveSecret(config?.credentials, env) ?? env.GOOGLE_APPLICATION_CREDENTIALS;
  const credentials = source ? readCredentials(source, providerId) : undefined;
  const project = config?.project ?? env.GOOGLE_CLOUD_PROJECT ?? env.GCLOUD_PROJECT ?? credentials?.projectId;
  if (!credentials && !options.hasApiKey) {
    throw new Error(`providers.${providerId}: Vertex AI needs credentials (vertex.credentials or GOOGLE_APPLICATION_CREDENTIALS) or an API key (express mode)`);
  }
  if (credentials && !project) {
    throw new Error(`providers.${providerId}: Vertex AI needs a project (vertex.project, GOOGLE_CLOUD_PROJECT, or project_id in the credentials)`);
  }
  return { project: project ?? '', region: config?.region ?? env.GOOGLE_CLOUD_LOCATION ?? 'global', credentials };
}

/** The Vertex AI host for a region: `global` has no regional prefix. */
export function vertexBaseUrl(region: string): string {
  return region === 'global' ? 'https://aiplatform.googleapis.com' : `https://${region}-aiplatform.googleapis.com`;
}

function readCredentials(source: string, providerId: string): GoogleCredentials {
  let text = source.trim();
  if (!text.startsWith('{')) {
    try {
      text = readFileSync(text, 'utf8');
    } catch (error) {
      throw new Error(`providers.${providerId}: cannot read the Google credentials file ${source}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  }
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new Error(`providers.${providerId}: the Google credentials are not valid JSON`);
  }
  const str = (key: string) => (typeof json[key] === 'string' && json[key] ? (json[key] as string) : undefined);
  const tokenUri = str('token_uri') ?? DEFAULT_TOKEN_URI;
  const projectId = str('project_id') ?? str('quota_project_id');
  if (json.type === 'service_account') {
    const clientEmail = str('client_email');
    const privateKey = str('private_key');
    if (!clientEmail || !privateKey) throw new Error(`providers.${providerId}: the service account JSON needs client_email and private_key`);
    return { type: 'service_account', clientEmail, privateKey, privateKeyId: str('private_key_id'), tokenUri, projectId };
  }
  if (json.type === 'authorized_user') {
    const clientId = str('client_id');
    const clientSecret = str('client_secret');
    const refreshToken = str('refresh_token');
    if (!clientId || !clientSecret || !refreshToken) throw new Error(`providers.${providerId}: authorized_user credentials need client_id, client_secret and refresh_token`);
    return { type: 'authorized_user', clientId, clientSecret, refreshToken, tokenUri, projectId };
  }
  throw new Error(`providers.${providerId}: unsupported Google credentials type ${JSON.stringify(json.type)} (service_account or authorized_user)`);
}
