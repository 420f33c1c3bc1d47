import type { AwsConfig } from '../config/config-schema.js';
import { resolveSecret } from '../config/resolve-secret.js';
import type { AwsSettings } from '../core/provider-types.js';

/** Bedrock's runtime endpoint; `{region}` is filled from the provider's region. */
export const BEDROCK_RUNTIME_URL = 'https://bedrock-runtime.{region}.amazonaws.com';
const DEFAULT_REGION = 'us-east-1';

/**
 * AWS region and credentials for a provider, most specific first: the provider's `aws`
 * config (values may be `env:NAME`), then what it inherits (a preset enabled from the
 * environment), then the standard variables AWS_REGION / AWS_DEFAULT_REGION,
 * AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, as the AWS SDKs read them.
 */
export function resolveAwsSettings(options: { config?: AwsConfig; base?: AwsSettings; env: NodeJS.ProcessEnv }): AwsSettings {
  const { config, base, env } = options;
  const region = resolveSecret(config?.region, env) ?? base?.region ?? (env.AWS_REGION || env.AWS_DEFAULT_REGION || DEFAULT_REGION);
  const accessKeyId = resolveSecret(config?.access_key_id, env);
  const secretAccessKey = resolveSecret(config?.secret_access_key, env);
  if (accessKeyId && secretAccessKey) {
    const sessionToken = resolveSecret(config?.session_token, env);
    return { region, credentials: sessionToken ? { accessKeyId, secretAccessKey, sessionToken } : { accessKeyId, secretAccessKey } };
  }
  if (base?.credentials) return { region, credentials: base.credentials };
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    const credentials = { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY };
    return { region, credentials: env.AWS_SESSION_TOKEN ? { ...credentials, sessionToken: env.AWS_SESSION_TOKEN } : credentials };
  }
  return { region };
}

/** The runtime URL of a region (`BEDROCK_RUNTIME_URL` with the region filled in). */
export function bedrockRuntimeUrl(region: string): string {
  return BEDROCK_RUNTIME_URL.replace('{region}', region);
}
