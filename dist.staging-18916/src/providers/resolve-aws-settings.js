import { resolveSecret } from "../config/resolve-secret.js";
import { createAwsCredentialSource } from "./cloud-credentials/aws-credential-source.js";
const BEDROCK_RUNTIME_URL = "https://bedrock-runtime.{region}.amazonaws.com";
const DEFAULT_REGION = "us-east-1";
function resolveAwsSettings(options) {
  const { config, base, env } = options;
  const region = resolveSecret(config?.region, env) ?? base?.region ?? (env.AWS_REGION || env.AWS_DEFAULT_REGION || DEFAULT_REGION);
  const profile = resolveSecret(config?.profile, env) ?? (env.AWS_PROFILE || void 0);
  const roleArn = resolveSecret(config?.role_arn, env);
  const keys = staticKeys(config, env) ?? base?.credentials ?? (profile ? void 0 : envKeys(env));
  if (roleArn) {
    const roleSessionName = config?.role_session_name;
    const externalId = resolveSecret(config?.external_id, env);
    const credentialSource = createAwsCredentialSource({
      region,
      roleArn,
      ...profile ? { profile } : {},
      ...roleSessionName ? { roleSessionName } : {},
      ...externalId ? { externalId } : {},
      ...keys ? { baseCredentials: keys } : {}
    });
    return { region, credentialSource };
  }
  if (keys) return { region, credentials: keys };
  if (options.hasApiKey && !profile) return { region };
  if (base?.credentialSource && !profile && base.region === region) return { region, credentialSource: base.credentialSource };
  return { region, credentialSource: createAwsCredentialSource({ region, ...profile ? { profile } : {} }) };
}
function staticKeys(config, env) {
  const accessKeyId = resolveSecret(config?.access_key_id, env);
  const secretAccessKey = resolveSecret(config?.secret_access_key, env);
  if (!accessKeyId || !secretAccessKey) return void 0;
  const sessionToken = resolveSecret(config?.session_token, env);
  return sessionToken ? { accessKeyId, secretAccessKey, sessionToken } : { accessKeyId, secretAccessKey };
}
function envKeys(env) {
  if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) return void 0;
  const credentials = { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY };
  return env.AWS_SESSION_TOKEN ? { ...credentials, sessionToken: env.AWS_SESSION_TOKEN } : credentials;
}
function bedrockRuntimeUrl(region) {
  return BEDROCK_RUNTIME_URL.replace("{region}", region);
}
export {
  BEDROCK_RUNTIME_URL,
  bedrockRuntimeUrl,
  resolveAwsSettings
};
//# sourceMappingURL=resolve-aws-settings.js.map
