import { readFileSync } from 'node:fs';
import type { ProviderConfig } from '../config/config-schema.js';
import { resolveSecret } from '../config/resolve-secret.js';
import type { VertexSettings } from '../core/provider-types.js';
import { registerSecret } from '../core/secret-registry.js';
import { createGoogleCredentialSource } from './cloud-credentials/google-credential-source.js';


/** Credential types google-auth-library builds a client for from JSON. */
const SUPPORTED_TYPES = ['service_account', 'authorized_user', 'external_account', 'external_account_authorized_user', 'impersonated_service_account'];

/**
 * Vertex AI settings for a provider, resolved once at start-up. Credentials: the config's
 * `vertex.credentials` (a file path, inline JSON or `env:NAME`) or GOOGLE_APPLICATION_CREDENTIALS,
 * read and checked now; without either, an API key means Vertex express mode, and no API key
 * means Application Default Credentials (gcloud user credentials, the metadata server on GCE,
 * GKE and Cloud Run). Project from config, GOOGLE_CLOUD_PROJECT / GCLOUD_PROJECT or the
 * credentials file; else the credentials' own project, asked on first use. Region from config
 * or GOOGLE_CLOUD_LOCATION, else `global`. Problems throw with a message naming the provider
 * and never the secret.
 * @see https://cloud.google.com/docs/authentication/application-default-credentials
 */
export function resolveVertexSettings(options: { providerId: string; config: ProviderConfig['vertex']; env: NodeJS.ProcessEnv; hasApiKey: boolean }): VertexSettings {
  const { providerId, config, env } = options;
  const configured = resolveSecret(config?.credentials, env);
  const path = configured ?? env.GOOGLE_APPLICATION_CREDENTIALS;
  const json = path ? readCredentials(path, providerId) : undefined;
  const fileProject = typeof json?.project_id === 'string' ? json.project_id : typeof json?.quota_project_id === 'string' ? json.quota_project_id : undefined;
  const project = config?.project ?? (env.GOOGLE_CLOUD_PROJECT || env.GCLOUD_PROJECT || fileProject || undefined);
  const region = config?.region ?? env.GOOGLE_CLOUD_LOCATION ?? 'global';
  if (!json && options.hasApiKey) return { project, region, credential: undefined };
  const source = json
    ? `Google ${String(json.type).replace(/_/g, ' ')} credentials (${configured ? `providers.${providerId}.vertex.credentials` : 'GOOGLE_APPLICATION_CREDENTIALS'})`
    : 'Google Application Default Credentials';
  return { project, region, credential: createGoogleCredentialSource({ source, ...(project ? { projectId: project } : {}), ...(json ? { credentials: json } : {}) }) };
}

/** The Vertex AI host for a region: `global` has no regional prefix. */
export function vertexBaseUrl(region: string): string {
  return region === 'global' ? 'https://aiplatform.googleapis.com' : `https://${region}-aiplatform.googleapis.com`;
}

function readCredentials(source: string, providerId: string): Record<string, unknown> {
  let text = source.trim();
  if (!text.startsWith('{')) {
    try {
      text = readFileSync(text, 'utf8');
    } catch (error) {
      throw new Error(`providers.${providerId}: cannot read the Google credentials file ${source}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`providers.${providerId}: the Google credentials are not valid JSON`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error(`providers.${providerId}: the Google credentials are not a JSON object`);
  const type = (json as Record<string, unknown>).type;
  if (typeof type !== 'string' || !SUPPORTED_TYPES.includes(type)) {
    throw new Error(`providers.${providerId}: unsupported Google credentials type ${JSON.stringify(type)} (${SUPPORTED_TYPES.join(', ')})`);
  }
  registerJsonSecrets(json as Record<string, unknown>);
  return json as Record<string, unknown>;
}

/** The secrets of a credentials file (keys, client secrets, refresh tokens, nested source credentials) go to the scrubber. */
function registerJsonSecrets(json: Record<string, unknown>): void {
  for (const field of ['private_key', 'client_secret', 'refresh_token']) registerSecret(typeof json[field] === 'string' ? json[field] : undefined);
  const nested = json.source_credentials;
  if (typeof nested === 'object' && nested !== null && !Array.isArray(nested)) registerJsonSecrets(nested as Record<string, unknown>);
}
