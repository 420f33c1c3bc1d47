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
  /** Azure OpenAI only: the data-plane `api-version` sent with deployment-style URLs. */
  azure?: { apiVersion: string };
}

/** Where and as whom to call an AWS service. */
export interface AwsSettings {
  region: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** Where a Vertex AI provider sends requests, and how it authenticates. */
export interface VertexSettings {
  project: string;
  /** e.g. `us-central1`, or `global`. */
  region: string;
  /** Undefined in express mode (an API key in `apiKey` instead of OAuth). */
  credentials: GoogleCredentials | undefined;
}

/**
 * Google credentials read once at start-up: a service account (signed JWT exchanged for an
 * access token) or an `authorized_user` (refresh token), both exchanged at `tokenUri`.
 */
export type GoogleCredentials =
  | { type: 'service_account'; clientEmail: string; privateKey: string; privateKeyId: string | undefined; tokenUri: string; projectId: string | undefined }
  | { type: 'authorized_user'; clientId: string; clientSecret: string; refreshToken: string; tokenUri: string; projectId: string | undefined };

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
  dataPolicy: DataPolicy;
}
