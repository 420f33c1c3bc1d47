import type { AwsConfig } from '../config/config-schema.js';
import { resolveSecret } from '../config/resolve-secret.js';
import type { AwsCredentials, AwsSettings } from '../core/provider-types.js';
import { registerSecret } from '../core/secret-registry.js';
import { createAwsCredentialSource } from './cloud-credentials/aws-credential-source.js';

/** Bedrock's runtime endpoint; `{region}` is filled from the provider's region. */
export const BEDROCK_RUNTIME_URL = 'https://bedrock-runtime.{region}.amazonaws.com';
const DEFAULT_REGION = 'us-east-1';

/**
 * AWS region and credentials for a provider, most specific first: the provider's `aws`
 * config (values may be `env:NAME`), then what it inherits (a preset enabled from the
 * environment), then the standard variables AWS_REGION / AWS_DEFAULT_REGION,
 * AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, as the AWS SDKs read them.
 * Without static keys the credentials come from the SDK's standard chain (`credentialSource`:
 * profiles, SSO, web identity, container and instance metadata); with `role_arn` that role is
 * assumed through STS, from the static keys when there are some, else from the chain. A
 * provider with a Bedrock API key and none of these gets no credentials (it sends the key).
 */
export function resolveAwsSettings(options: { config?: AwsConfig; base?: AwsSettings; env: NodeJS.ProcessEnv; hasApiKey?: boolean }): AwsSettings {
  const { config, base, env } = options;
  const region = resolveSecret(config?.region, env) ?? base?.region ?? (env.AWS_REGION || env.AWS_DEFAULT_REGION || DEFAULT_REGION);
  const profile = resolveSecret(config?.profile, env) ?? (env.AWS_PROFILE || undefined);
  const roleArn = resolveSecret(config?.role_arn, env);
  const keys = staticKeys(config, env) ?? base?.credentials ?? (profile ? undefined : envKeys(env));
  // Base keys of an assumed role live only in the credential source: the scrubber learns them here.
  if (keys) for (const value of [keys.accessKeyId, keys.secretAccessKey, keys.sessionToken]) registerSecret(value);
  if (roleArn) {
    const roleSessionName = config?.role_session_name;
    const externalId = resolveSecret(config?.external_id, env);
    const credentialSource = createAwsCredentialSource({
      region,
      roleArn,
      ...(profile ? { profile } : {}),
      ...(roleSessionName ? { roleSessionName } : {}),
      ...(externalId ? { externalId } : {}),
      ...(keys ? { baseCredentials: keys } : {}),
    });
    return { region, credentialSource };
  }
  if (keys) return { region, credentials: keys };
  // A Bedrock API key (bearer) needs no AWS credentials.
  if (options.hasApiKey && !profile) return { region };
  if (base?.credentialSource && !profile && base.region === region) return { region, credentialSource: base.credentialSource };
  return { region, credentialSource: createAwsCredentialSource({ region, ...(profile ? { profile } : {}) }) };
}

function staticKeys(config: AwsConfig | undefined, env: NodeJS.ProcessEnv): AwsCredentials | undefined {
  const accessKeyId = resolveSecret(config?.access_key_id, env);
  const secretAccessKey = resolveSecret(config?.secret_access_key, env);
  if (!accessKeyId || !secretAccessKey) return undefined;
  const sessionToken = resolveSecret(config?.session_token, env);
  return sessionToken ? { accessKeyId, secretAccessKey, sessionToken } : { accessKeyId, secretAccessKey };
}

function envKeys(env: NodeJS.ProcessEnv): AwsCredentials | undefined {
  if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) return undefined;
  const credentials = { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY };
  return env.AWS_SESSION_TOKEN ? { ...credentials, sessionToken: env.AWS_SESSION_TOKEN } : credentials;
}

/** The runtime URL of a region (`BEDROCK_RUNTIME_URL` with the region filled in). */
export function bedrockRuntimeUrl(region: string): string {
  return BEDROCK_RUNTIME_URL.replace('{region}', region);
}
