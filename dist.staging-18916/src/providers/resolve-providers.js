import { resolveSecret } from "../config/resolve-secret.js";
import { BUILTIN_PROVIDER_PRESETS } from "../config/builtin-provider-presets.js";
import { DEFAULT_AZURE_API_VERSION } from "../core/provider-types.js";
import { bedrockRuntimeUrl, resolveAwsSettings } from "./resolve-aws-settings.js";
import { resolveVertexSettings, vertexBaseUrl } from "./resolve-vertex-settings.js";
const DEFAULT_TIMEOUTS = { connectMs: 5e3, firstByteMs: 12e4, idleMs: 6e4, totalMs: 6e5 };
const UNKNOWN_POLICY = { zdr: false, trainsOnData: true, retainsPromptsDays: 30, region: null, moderated: false };
function resolveProviders(config, env) {
  const providers = /* @__PURE__ */ new Map();
  const defaults = toTimeouts(config.default_timeouts, DEFAULT_TIMEOUTS);
  for (const preset of BUILTIN_PROVIDER_PRESETS) {
    const apiKey = preset.keyEnv.map((name) => env[name]).find((value) => value);
    const baseUrl = preset.baseUrlEnv ? env[preset.baseUrlEnv] : void 0;
    const aws = preset.protocol === "bedrock" ? resolveAwsSettings({ env, hasApiKey: Boolean(apiKey) }) : void 0;
    if (preset.requiresBaseUrl && !baseUrl) continue;
    const enabled = preset.local ? Boolean(baseUrl) : Boolean(apiKey) || Boolean(aws?.credentials) || Boolean(preset.credentialsEnv?.some((name) => env[name]));
    if (enabled) providers.set(preset.id, fromPreset(preset, { apiKey, baseUrl, timeouts: defaults, aws }));
  }
  for (const entry of config.providers) {
    const preset = BUILTIN_PROVIDER_PRESETS.find((candidate) => candidate.id === entry.id);
    if (entry.enabled === false) {
      providers.delete(entry.id);
      continue;
    }
    providers.set(entry.id, fromConfig(entry, { preset, base: providers.get(entry.id), env, defaults }));
  }
  for (const provider of providers.values()) {
    if (provider.protocol === "vertex") applyVertexSettings(provider, config.providers.find((entry) => entry.id === provider.id), env);
    if (provider.protocol === "azure-openai") {
      const entry = config.providers.find((candidate) => candidate.id === provider.id);
      provider.azure = { apiVersion: entry?.azure?.api_version ?? env.AZURE_OPENAI_API_VERSION ?? DEFAULT_AZURE_API_VERSION };
    }
  }
  return providers;
}
function resolveByokOnlyProviders(config, enabled) {
  const providers = /* @__PURE__ */ new Map();
  const defaults = toTimeouts(config.default_timeouts, DEFAULT_TIMEOUTS);
  for (const preset of BUILTIN_PROVIDER_PRESETS) {
    if (preset.local || enabled.has(preset.id)) continue;
    const base = fromPreset(preset, { apiKey: void 0, baseUrl: void 0, timeouts: defaults });
    const entry = config.providers.find((candidate) => candidate.id === preset.id);
    const provider = entry ? fromConfig({ ...entry, api_key: void 0 }, { preset, base, env: {}, defaults }) : base;
    providers.set(preset.id, { ...provider, apiKey: void 0 });
  }
  return providers;
}
function providerFromPreset(preset, config) {
  return fromPreset(preset, { apiKey: void 0, baseUrl: void 0, timeouts: toTimeouts(config.default_timeouts, DEFAULT_TIMEOUTS) });
}
function fromPreset(preset, options) {
  const { aws } = options;
  return {
    id: preset.id,
    name: preset.name,
    protocol: preset.protocol,
    baseUrl: trimSlash(options.baseUrl ?? (aws ? bedrockRuntimeUrl(aws.region) : preset.baseUrl)),
    // Local servers usually take no key, but OpenAI-compatible clients always send one;
    // a placeholder keeps servers that insist on a bearer (and our simulator) happy.
    apiKey: options.apiKey ?? (preset.local ? preset.id : void 0),
    headers: {},
    dataPolicy: aws ? { ...preset.dataPolicy, region: regionArea(aws.region) } : preset.dataPolicy,
    timeouts: options.timeouts,
    local: preset.local ?? false,
    ...aws ? { aws } : {}
  };
}
function fromConfig(entry, context) {
  const { preset, base, env, defaults } = context;
  const protocol = entry.protocol ?? base?.protocol ?? preset?.protocol ?? "openai";
  const apiKey = resolveSecret(entry.api_key, env) ?? base?.apiKey;
  const aws = protocol === "bedrock" ? resolveAwsSettings({ config: entry.aws, base: base?.aws, env, hasApiKey: Boolean(apiKey) }) : void 0;
  const regionalUrl = aws && (entry.aws?.region !== void 0 || !base) ? bedrockRuntimeUrl(aws.region) : void 0;
  const baseUrl = entry.base_url ?? regionalUrl ?? base?.baseUrl ?? preset?.baseUrl;
  if (!baseUrl) throw new Error(`providers.${entry.id}: base_url is required for a provider that is not a built-in preset`);
  const policy = entry.data_policy;
  const inherited = base?.dataPolicy ?? preset?.dataPolicy ?? UNKNOWN_POLICY;
  return {
    id: entry.id,
    name: entry.name ?? base?.name ?? preset?.name ?? entry.id,
    protocol,
    baseUrl: trimSlash(baseUrl),
    apiKey,
    headers: entry.headers ?? base?.headers ?? {},
    dataPolicy: {
      zdr: policy?.zdr ?? inherited.zdr,
      trainsOnData: policy?.trains_on_data ?? inherited.trainsOnData,
      retainsPromptsDays: policy?.retains_prompts ?? inherited.retainsPromptsDays,
      region: policy?.region ?? (aws && !base ? regionArea(aws.region) : inherited.region),
      moderated: policy?.moderated ?? inherited.moderated
    },
    timeouts: toTimeouts(entry.timeouts, base?.timeouts ?? defaults),
    local: base?.local ?? preset?.local ?? false,
    ...aws ? { aws } : {}
  };
}
function applyVertexSettings(provider, entry, env) {
  provider.vertex = resolveVertexSettings({ providerId: provider.id, config: entry?.vertex, env, hasApiKey: Boolean(provider.apiKey) });
  if (!entry?.base_url && provider.vertex.credentials) provider.baseUrl = vertexBaseUrl(provider.vertex.region);
}
function regionArea(region) {
  return region.slice(0, region.indexOf("-") > 0 ? region.indexOf("-") : void 0);
}
function toTimeouts(config, fallback) {
  return {
    connectMs: config?.connect_ms ?? fallback.connectMs,
    firstByteMs: config?.first_byte_ms ?? fallback.firstByteMs,
    idleMs: config?.idle_ms ?? fallback.idleMs,
    totalMs: config?.total_ms ?? fallback.totalMs
  };
}
function trimSlash(url) {
  return url.endsWith("/") ? url.slice(0, -1) : url;
}
export {
  providerFromPreset,
  resolveByokOnlyProviders,
  resolveProviders
};
//# sourceMappingURL=resolve-providers.js.map
