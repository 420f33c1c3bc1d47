/** The wire protocols a provider can speak (one folder each under protocols/). */
export type WireProtocolName = 'openai' | 'anthropic' | 'gemini' | 'bedrock' | 'azure-openai' | 'vertex';

export interface DataPolicy {
  zdr: boolean;
  trainsOnData: boolean;
  /** Days prompts are retained; 0 = not retained. */
  retainsPromptsDays: number;
  region: string | null;
  moderated: boolean;
}

/** The Azure OpenAI data-plane `api-version` used when neither config nor environment names one. */
export const DEFAULT_AZURE_API_VERSION = '2024-10-21';

export interface PhaseTimeouts {
  connectMs: number;
  firstByteMs: number;
  idleMs: number;
  totalMs: number;
}

/**
 * A provider ready to receive requests: a wire protocol, a base URL, credentials,
 * its data policy and timeouts. Vendors are small config objects, not classes.
 */
export interface Provider {
  /** Slug, e.g. "openai", "groq"; what `provider.order` and catalog endpoints name. */
  id: string;
  /** Display name, e.g. "OpenAI"; sent as the response's top-level `provider`. */
  name: string;
  protocol: WireProtocolName;
  baseUrl: string;
  apiKey: string | undefined;
  headers: Record<string, string>;
  dataPolicy: DataPolicy;
  timeouts: PhaseTimeouts;
  /** Local servers (Ollama, vLLM, llama.cpp) serve their own model list at zero price. */
  local: boolean;
  /** AWS region and SigV4 credentials (Bedrock); `apiKey` then holds a Bedrock API key, if any. */
  aws?: AwsSettings;
  /** Vertex AI only: project, region and the Google credentials its OAuth tokens come from. */
  vertex?: VertexSettings;
  /** Azure OpenAI only: the data-plane `api-version` sent with deployment-style URLs, and Entra ID tokens when there is no `apiKey`. */
  azure?: AzureSettings;
  /**
   * The provider sells a native batch API in its protocol (OpenAI Batch, Anthropic Message Batches),
   * so a batch routed only to it is submitted there (src/batch/native/). Presets declare it; a custom
   * endpoint is assumed not to have one unless its config says `native_batch: true`.
   */
  nativeBatch?: boolean;
}

/** AWS access keys; temporary ones carry a session token and an expiry. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** Where and as whom to call an AWS service. */
export interface AwsSettings {
  region: string;
  /** Static keys (config or the AWS_* variables). */
  credentials?: AwsCredentials;
  /** Without static keys: the platform's credential chain (or a role assumed with it), refreshed ahead of expiry. */
  credentialSource?: CloudCredential<AwsCredentials>;
}

/**
 * Credentials a provider gets at run time from its cloud platform (AWS chain, Google ADC,
 * Microsoft Entra ID) rather than a static secret: cached, refreshed before they expire, and
 * able to say where they come from and whether they currently work without showing them.
 */
export interface CloudCredential<T> {
  /** Where the credential comes from, e.g. "AWS default credential chain"; never a secret. */
  readonly source: string;
  /** The current credential (cached; fetched or refreshed as needed). Rejects when it cannot be had. */
  get(): Promise<T>;
  /** Forgets the cached credential (the upstream refused it), so the next call fetches a new one. */
  invalidate(): void;
  status(): CloudCredentialStatus;
}

/** What /readyz and the providers view show of a cloud credential: never the secret. */
export interface CloudCredentialStatus {
  /** e.g. "AWS default credential chain", "Google ADC", "Microsoft Entra ID (DefaultAzureCredential)". */
  source: string;
  /** The link of the chain that answered last (e.g. "EC2 instance metadata"), when known. */
  resolvedVia: string | null;
  /** `unknown` until first used; `failed` when the last attempt failed and nothing valid is cached. */
  state: 'unknown' | 'valid' | 'failed';
  /** ISO time the current credential expires, if it does. */
  expiresAt: string | null;
  /** The last fetch failure (scrubbed), if any; cleared by a successful fetch. */
  lastError: string | null;
  /** When the credential was last fetched or refreshed, and whether that worked; null before the first attempt. */
  lastRefresh: { at: string; ok: boolean } | null;
}

/** How an Azure OpenAI provider is called. */
export interface AzureSettings {
  apiVersion: string;
  /** Microsoft Entra ID bearer tokens (Cognitive Services scope), used when the provider has no `apiKey`. */
  credential?: CloudCredential<string>;
}

/** Where a Vertex AI provider sends requests, and how it authenticates. */
export interface VertexSettings {
  /** Undefined: the project of the Google credentials (ADC's rules), asked on first use. */
  project: string | undefined;
  /** e.g. `us-central1`, or `global`. */
  region: string;
  /** OAuth access tokens from Google credentials; undefined in express mode (an API key in `apiKey` instead). */
  credential: GoogleCredential | undefined;
}

/** Google access tokens (Application Default Credentials or a given credentials file), and their project. */
export interface GoogleCredential extends CloudCredential<string> {
  /** The credentials' project (a file's project_id, the metadata server's, …); rejects when there is none. */
  projectId(): Promise<string>;
}

/** A built-in vendor preset, turned on by its usual key variable or base URL. */
export interface ProviderPreset {
  id: string;
  name: string;
  protocol: WireProtocolName;
  baseUrl: string;
  /** Environment variables holding the API key, first set wins. */
  keyEnv: string[];
  /** Environment variable overriding the base URL (required to enable local presets). */
  baseUrlEnv?: string;
  /** Environment variables that enable the preset without an API key (e.g. a credentials file). */
  credentialsEnv?: string[];
  local?: boolean;
  /** The preset is enabled only when `baseUrlEnv` is set too (Azure: the resource endpoint). */
  requiresBaseUrl?: boolean;
  /** The vendor has a native batch API the gateway speaks (see `Provider.nativeBatch`). */
  nativeBatch?: boolean;
  dataPolicy: DataPolicy;
}
