import type { ProviderConfig, SwitchyardConfig, TimeoutsConfig } from '../config/config-schema.js';
import { resolveSecret } from '../config/resolve-secret.js';
import { BUILTIN_PROVIDER_PRESETS } from '../config/builtin-provider-presets.js';
import { type AwsSettings, type DataPolicy, type PhaseTimeouts, type Provider, type ProviderPreset } from '../core/provider-types.js';
import { bedrockRuntimeUrl, resolveAwsSettings } from './resolve-aws-settings.js';
import { resolveVertexSettings, vertexBaseUrl } from './resolve-vertex-settings.js';
import { resolveAzureSettings } from './resolve-azure-settings.js';

const DEFAULT_TIMEOUTS: PhaseTimeouts = { connectMs: 5_000, firstByteMs: 120_000, idleMs: 60_000, totalMs: 600_000 };
const UNKNOWN_POLICY: DataPolicy = { zdr: false, trainsOnData: true, retainsPromptsDays: 30, region: null, moderated: false };

/**
 * Builds the enabled providers: presets whose key variable (or, for local servers, base URL
 * variable) is set, then config entries, which override a preset of the same id field by field.
 */
export function resolveProviders(config: SwitchyardConfig, env: NodeJS.ProcessEnv): Map<string, Provider> {
  const providers = new Map<string, Provider>();
  const defaults = toTimeouts(config.default_timeouts, DEFAULT_TIMEOUTS);
  for (const preset of BUILTIN_PROVIDER_PRESETS) {
    const apiKey = preset.keyEnv.map((name) => env[name]).find((value) => value);
    const baseUrl = preset.baseUrlEnv ? env[preset.baseUrlEnv] : undefined;
    // Bedrock is also enabled by SigV4 credentials, not only by its API key.
    const aws = preset.protocol === 'bedrock' ? resolveAwsSettings({ env, hasApiKey: Boolean(apiKey) }) : undefined;
    if (preset.requiresBaseUrl && !baseUrl) continue;
    // Azure OpenAI's resource endpoint alone enables it too: without a key it uses Entra ID (DefaultAzureCredential).
    const entraId = preset.protocol === 'azure-openai' && Boolean(baseUrl);
    const enabled = preset.local ? Boolean(baseUrl) : Boolean(apiKey) || entraId || Boolean(aws?.credentials) || Boolean(preset.credentialsEnv?.some((name) => env[name]));
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
    if (provider.protocol === 'vertex') applyVertexSettings(provider, config.providers.find((entry) => entry.id === provider.id), env);
    if (provider.protocol === 'azure-openai') {
      const entry = config.providers.find((candidate) => candidate.id === provider.id);
      provider.azure = resolveAzureSettings({ config: entry?.azure, env, hasApiKey: Boolean(provider.apiKey) });
    }
  }
  return providers;
}

/**
 * Providers a workspace may use with its own (BYOK) key although the gateway has no pooled key
 * for them: every remote preset that is not enabled, with its config entry's overrides applied
 * (`base_url`, `headers`, `timeouts`, …; an entry with `enabled: false` only turns the pooled key
 * off). Their `apiKey` is undefined: the workspace's key is put in per request.
 */
export function resolveByokOnlyProviders(config: SwitchyardConfig, enabled: ReadonlyMap<string, Provider>): Map<string, Provider> {
  const providers = new Map<string, Provider>();
  const defaults = toTimeouts(config.default_timeouts, DEFAULT_TIMEOUTS);
  for (const preset of BUILTIN_PROVIDER_PRESETS) {
    if (preset.local || enabled.has(preset.id)) continue;
    const base = fromPreset(preset, { apiKey: undefined, baseUrl: undefined, timeouts: defaults });
    const entry = config.providers.find((candidate) => candidate.id === preset.id);
    const provider = entry ? fromConfig({ ...entry, api_key: undefined }, { preset, base, env: {}, defaults }) : base;
    providers.set(preset.id, { ...provider, apiKey: undefined });
  }
  return providers;
}

/** A preset enabled by detection (e.g. an Ollama answering on its default port). */
export function providerFromPreset(preset: ProviderPreset, config: SwitchyardConfig): Provider {
  return fromPreset(preset, { apiKey: undefined, baseUrl: undefined, timeouts: toTimeouts(config.default_timeouts, DEFAULT_TIMEOUTS) });
}

function fromPreset(
  preset: ProviderPreset,
  options: { apiKey: string | undefined; baseUrl: string | undefined; timeouts: PhaseTimeouts; aws?: AwsSettings },
): Provider {
  const { aws } = options;
  return {
    id: preset.id,
    name: preset.name,
    protocol: preset.protocol,
    baseUrl: trimSlash(options.baseUrl ?? (aws ? bedrockRuntimeUrl(aws.region) : preset.baseUrl)),
    // Local servers usually take no key, but OpenAI-compatible clients always send one;
    // a placeholder keeps servers that insist on a bearer (and our simulator) happy.
    apiKey: options.apiKey ?? (preset.local ? preset.id : undefined),
    headers: {},
    dataPolicy: aws ? { ...preset.dataPolicy, region: regionArea(aws.region) } : preset.dataPolicy,
    timeouts: options.timeouts,
    local: preset.local ?? false,
    ...(preset.nativeBatch ? { nativeBatch: true } : {}),
    ...(aws ? { aws } : {}),
  };
}

function fromConfig(
  entry: ProviderConfig,
  context: { preset: ProviderPreset | undefined; base: Provider | undefined; env: NodeJS.ProcessEnv; defaults: PhaseTimeouts },
): Provider {
  const { preset, base, env, defaults } = context;
  const protocol = entry.protocol ?? base?.protocol ?? preset?.protocol ?? 'openai';
  const apiKey = resolveSecret(entry.api_key, env) ?? base?.apiKey;
  const aws = protocol === 'bedrock' ? resolveAwsSettings({ config: entry.aws, base: base?.aws, env, hasApiKey: Boolean(apiKey) }) : undefined;
  const regionalUrl = aws && (entry.aws?.region !== undefined || !base) ? bedrockRuntimeUrl(aws.region) : undefined;
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
      moderated: policy?.moderated ?? inherited.moderated,
    },
    timeouts: toTimeouts(entry.timeouts, base?.timeouts ?? defaults),
    local: base?.local ?? preset?.local ?? false,
    ...((entry.native_batch ?? base?.nativeBatch ?? preset?.nativeBatch) ? { nativeBatch: true } : {}),
    ...(aws ? { aws } : {}),
  };
}

/** Vertex AI: project, region and credentials; the regional host unless a base URL was configured. */
function applyVertexSettings(provider: Provider, entry: ProviderConfig | undefined, env: NodeJS.ProcessEnv): void {
  provider.vertex = resolveVertexSettings({ providerId: provider.id, config: entry?.vertex, env, hasApiKey: Boolean(provider.apiKey) });
  if (!entry?.base_url && provider.vertex.credential) provider.baseUrl = vertexBaseUrl(provider.vertex.region);
}

/** `eu-west-1` → `eu`: the data-policy region a routing constraint can match. */
function regionArea(region: string): string {
  return region.slice(0, region.indexOf('-') > 0 ? region.indexOf('-') : undefined);
}

function toTimeouts(config: TimeoutsConfig | undefined, fallback: PhaseTimeouts): PhaseTimeouts {
  return {
    connectMs: config?.connect_ms ?? fallback.connectMs,
    firstByteMs: config?.first_byte_ms ?? fallback.firstByteMs,
    idleMs: config?.idle_ms ?? fallback.idleMs,
    totalMs: config?.total_ms ?? fallback.totalMs,
  };
}

function trimSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}
