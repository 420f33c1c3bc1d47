import { readFileSync } from "node:fs";
import { resolveSecret } from "../config/resolve-secret.js";
const DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token";
function resolveVertexSettings(options) {
  const { providerId, config, env } = options;
  const source = resolveSecret(config?.credentials, env) ?? env.GOOGLE_APPLICATION_CREDENTIALS;
  const credentials = source ? readCredentials(source, providerId) : void 0;
  const project = config?.project ?? env.GOOGLE_CLOUD_PROJECT ?? env.GCLOUD_PROJECT ?? credentials?.projectId;
  if (!credentials && !options.hasApiKey) {
    throw new Error(`providers.${providerId}: Vertex AI needs credentials (vertex.credentials or GOOGLE_APPLICATION_CREDENTIALS) or an API key (express mode)`);
  }
  if (credentials && !project) {
    throw new Error(`providers.${providerId}: Vertex AI needs a project (vertex.project, GOOGLE_CLOUD_PROJECT, or project_id in the credentials)`);
  }
  return { project: project ?? "", region: config?.region ?? env.GOOGLE_CLOUD_LOCATION ?? "global", credentials };
}
function vertexBaseUrl(region) {
  return region === "global" ? "https://aiplatform.googleapis.com" : `https://${region}-aiplatform.googleapis.com`;
}
function readCredentials(source, providerId) {
  let text = source.trim();
  if (!text.startsWith("{")) {
    try {
      text = readFileSync(text, "utf8");
    } catch (error) {
      throw new Error(`providers.${providerId}: cannot read the Google credentials file ${source}: ${error.code ?? "error"}`);
    }
  }
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`providers.${providerId}: the Google credentials are not valid JSON`);
  }
  const str = (key) => typeof json[key] === "string" && json[key] ? json[key] : void 0;
  const tokenUri = str("token_uri") ?? DEFAULT_TOKEN_URI;
  const projectId = str("project_id") ?? str("quota_project_id");
  if (json.type === "service_account") {
    const clientEmail = str("client_email");
    const privateKey = str("private_key");
    if (!clientEmail || !privateKey) throw new Error(`providers.${providerId}: the service account JSON needs client_email and private_key`);
    return { type: "service_account", clientEmail, privateKey, privateKeyId: str("private_key_id"), tokenUri, projectId };
  }
  if (json.type === "authorized_user") {
    const clientId = str("client_id");
    const clientSecret = str("client_secret");
    const refreshToken = str("refresh_token");
    if (!clientId || !clientSecret || !refreshToken) throw new Error(`providers.${providerId}: authorized_user credentials need client_id, client_secret and refresh_token`);
    return { type: "authorized_user", clientId, clientSecret, refreshToken, tokenUri, projectId };
  }
  throw new Error(`providers.${providerId}: unsupported Google credentials type ${JSON.stringify(json.type)} (service_account or authorized_user)`);
}
export {
  resolveVertexSettings,
  vertexBaseUrl
};
//# sourceMappingURL=resolve-vertex-settings.js.map
