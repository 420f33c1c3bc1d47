import { z } from 'zod';
import { BUILTIN_PROVIDER_PRESETS } from './builtin-provider-presets.js';
import { privacySettingsSchema } from '../core/privacy-settings.js';

/** Money in config: a decimal string or number of USD ("0.000002"). */
const price = z.union([z.string().regex(/^\d+(\.\d+)?([eE][-+]?\d+)?$/, 'a non-negative decimal'), z.number().nonnegative()]);

const pricingSchema = z.strictObject({
  prompt: price,
  completion: price,
  request: price.optional(),
  image: price.optional(),
  input_cache_read: price.optional(),
  input_cache_write: price.optional(),
  input_cache_write_1h: price.optional(),
  internal_reasoning: price.optional(),
  image_output: price.optional(),
  web_search: price.optional(),
});

const timeoutsSchema = z.strictObject({
  connect_ms: z.number().int().positive().optional(),
  first_byte_ms: z.number().int().positive().optional(),
  idle_ms: z.number().int().positive().optional(),
  total_ms: z.number().int().positive().optional(),
});

export const dataPolicySchema = z.strictObject({
  zdr: z.boolean().optional(),
  trains_on_data: z.boolean().optional(),
  retains_prompts: z.number().int().nonnegative().optional(),
  region: z.string().optional(),
  moderated: z.boolean().optional(),
});

/**
 * AWS settings of a Bedrock provider; values may be `env:NAME`. Without static keys (here or in
 * AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY) the SDK's standard credential chain is used
 * (`profile` picks a shared-config profile); `role_arn` is then assumed through STS.
 */
export const awsConfigSchema = z.strictObject({
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'an AWS region such as us-east-1').optional(),
  access_key_id: z.string().optional(),
  secret_access_key: z.string().optional(),
  session_token: z.string().optional(),
  profile: z.string().min(1).optional(),
  role_arn: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, 'an IAM role ARN such as arn:aws:iam::123456789012:role/name').optional(),
  role_session_name: z.string().regex(/^[\w+=,.@-]{2,64}$/, '2-64 characters of letters, digits and +=,.@_-').optional(),
  external_id: z.string().min(2).max(1224).optional(),
});

/**
 * Azure OpenAI without `api_key`: Microsoft Entra ID tokens from @azure/identity. `default`
 * (DefaultAzureCredential) unless a type is named; values may be `env:NAME` / `file:PATH`.
 */
export const azureCredentialConfigSchema = z
  .strictObject({
    type: z.enum(['default', 'managed_identity', 'workload_identity', 'client_secret']).default('default'),
    client_id: z.string().min(1).optional(),
    tenant_id: z.string().min(1).optional(),
    client_secret: z.string().min(1).optional(),
    token_file_path: z.string().min(1).optional(),
    authority_host: z.url().startsWith('https://', 'an https URL such as https://login.microsoftonline.us').optional(),
  })
  .refine((value) => value.type !== 'client_secret' || (value.client_id && value.tenant_id && value.client_secret), {
    message: 'type client_secret needs client_id, tenant_id and client_secret',
  });

export const providerConfigSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lowercase slug (a-z, 0-9, . _ -)'),
  name: z.string().optional(),
  protocol: z.enum(['openai', 'anthropic', 'gemini', 'bedrock', 'azure-openai', 'vertex']).optional(),
  base_url: z.url().optional(),
  api_key: z.string().optional(),
  data_policy: dataPolicySchema.optional(),
  headers: z.record(z.string(), z.string()).optional(),
  timeouts: timeoutsSchema.optional(),
  enabled: z.boolean().optional(),
  aws: awsConfigSchema.optional(),
  /** The provider has a native batch API in its protocol (default: true for the openai and anthropic presets, else false). */
  native_batch: z.boolean().optional(),
  /** Vertex AI: credentials is a Google credentials JSON file path (any type ADC accepts), the JSON itself, or env:NAME; without it, Application Default Credentials. */
  /** Azure OpenAI: the `api-version` query parameter (default: AZURE_OPENAI_API_VERSION, else a current GA version). */
  azure: z
    .strictObject({
      api_version: z.string().regex(/^\d{4}-\d{2}-\d{2}(-preview)?$|^preview$|^latest$/, 'an api-version like 2024-10-21').optional(),
      credential: azureCredentialConfigSchema.optional(),
    })
    .optional(),
  vertex: z.strictObject({ project: z.string().min(1).optional(), region: z.string().regex(/^[a-z0-9-]+$/, 'a region like us-central1, or global').optional(), credentials: z.string().min(1).optional() }).optional(),
});

const endpointConfigSchema = z.strictObject({
  provider: z.string(),
  model: z.string(),
  pricing: pricingSchema.optional(),
  context_length: z.number().int().positive().optional(),
  max_output: z.number().int().positive().optional(),
  quantization: z.string().optional(),
  supported_parameters: z.array(z.string()).optional(),
  /** Overrides the provider's data policy for this endpoint only. */
  data_policy: dataPolicySchema.optional(),
});

const modelConfigSchema = z.strictObject({
  id: z.string().regex(/^[^\s/]+\/[^\s]+$/, 'an "author/slug" id'),
  name: z.string().optional(),
  description: z.string().optional(),
  context_length: z.number().int().positive().optional(),
  input_modalities: z.array(z.string()).optional(),
  /** `["text"]` for chat models (the default), `["embeddings"]` for embedding models, as OpenRouter's `architecture`. */
  output_modalities: z.array(z.string()).min(1).optional(),
  endpoints: z.array(endpointConfigSchema).min(1),
});

/** A per-key limit: a positive integer, 0 for none, null/absent for none by default. */
const perKeyLimit = z.number().int().nonnegative().nullable().default(null);

/** Rate limits (docs/rate-limits.md): defaults for every key, and OpenRouter's `:free` variant limits. */
const rateLimitsSchema = z.strictObject({
  requests_per_minute: perKeyLimit,
  tokens_per_minute: perKeyLimit,
  concurrent_requests: perKeyLimit,
  free_models: z
    .strictObject({
      requests_per_minute: z.number().int().positive().default(20),
      requests_per_day: z.number().int().positive().default(50),
      /** The daily limit once the workspace has ever added at least `credits_threshold` USD of credits. */
      requests_per_day_with_credits: z.number().int().positive().default(1000),
      credits_threshold: price.default('10'),
    })
    .prefault({}),
});

/** BYOK (docs/byok.md): an optional fee on BYOK requests, charged to credits. */
const byokSchema = z.strictObject({
  /** Percent of the list price charged per BYOK request beyond the free allowance; 0 = no fee. */
  fee_percent: z.number().min(0).max(100).default(0),
  /** BYOK requests per workspace and UTC month that carry no fee. */
  free_requests_per_month: z.number().int().nonnegative().default(1_000_000),
});

/** Routing health and stickiness (docs/routing.md). */
const routingSchema = z.strictObject({
  /** Endpoints with failures in this window are tried last; 0 turns outage detection off. */
  outage_window_ms: z.number().int().nonnegative().default(30_000),
  circuit_breaker: z
    .strictObject({
      enabled: z.boolean().default(true),
      consecutive_failures: z.number().int().positive().default(5),
      failure_ratio: z.number().gt(0).max(1).default(0.5),
      min_attempts: z.number().int().positive().default(10),
      cooldown_ms: z.number().int().positive().default(30_000),
    })
    .default({ enabled: true, consecutive_failures: 5, failure_ratio: 0.5, min_attempts: 10, cooldown_ms: 30_000 }),
  /** A conversation stays on its endpoint for this long without requests (prompt caching). */
  sticky_idle_ms: z.number().int().nonnegative().default(600_000),
  /** Auto router (`openrouter/auto`) capability tiers, easy → hard; built-in tiers when absent. */
  auto_router: z
    .strictObject({ tiers: z.array(z.strictObject({ name: z.string().min(1), models: z.array(z.string().min(1)).min(1) })).min(1) })
    .optional(),
});

export const configSchema = z.strictObject({
  listen: z
    .strictObject({ host: z.string().default('127.0.0.1'), port: z.number().int().min(0).max(65535).default(8080) })
    .default({ host: '127.0.0.1', port: 8080 }),
  database: z.string().regex(/^(sqlite:|postgres(ql)?:\/\/|memory:)/, 'sqlite:PATH, postgres://… or memory:').default('sqlite:./data/switchyard.db'),
  /** Connections per process to a PostgreSQL `database` (ignored for SQLite and memory). */
  database_pool_size: z.number().int().min(1).max(1000).default(10),
  /** How long a PostgreSQL ledger hold outlives its node's last renewal (renewed every third of it); a dead node's holds are freed after it. */
  ledger_hold_lease_ms: z.number().int().min(300).max(3_600_000).default(60_000),
  data_dir: z.string().default('./data'),
  /** Shared hot state for several nodes (rate limits, cache, health, sticky routes, invalidation): redis://… or rediss://…. */
  redis: z.string().regex(/^rediss?:\/\//, 'redis://[user:password@]host:port[/db] or rediss://…').optional(),
  /** Prefix of every Redis key and channel, so deployments and tests sharing one Redis never collide. */
  redis_prefix: z.string().min(1).max(64).default('switchyard:'),
  /** Gateway processes on this machine sharing the listen port (node:cluster); >1 needs PostgreSQL and Redis. */
  workers: z.number().int().min(1).max(256).default(1),
  master_key: z.string().optional(),
  admin_key: z.string().optional(),
  body_limit_bytes: z.number().int().positive().default(10 * 1024 * 1024),
  /**
   * URL schemes clients may use in image/file/audio parts besides https:, http: and data: — e.g.
   * `[s3, gs]` to let key holders name objects the gateway's cloud credentials can read (Bedrock
   * s3Location, Gemini fileUri). Empty by default: such URLs are refused with a 400.
   */
  allow_storage_urls: z.array(z.string().regex(/^[a-z][a-z0-9+.-]*$/, 'a lower-case URL scheme without ":", e.g. s3 or gs')).default([]),
  stream_keepalive_ms: z.number().int().positive().default(2000),
  shutdown_grace_ms: z.number().int().nonnegative().default(10_000),
  max_attempts: z.number().int().positive().max(20).default(6),
  /** One request's deadline across all its attempts (failover stops starting attempts after it). */
  request_deadline_ms: z.number().int().positive().default(600_000),
  routing: routingSchema.default(routingSchema.parse({})),
  default_timeouts: timeoutsSchema.default({}),
  detect_local_providers: z.boolean().default(true),
  /** Privacy settings of every workspace that has not set its own through the API. */
  privacy: privacySettingsSchema.default(privacySettingsSchema.parse({})),
  response_cache: z
    .strictObject({
      max_bytes: z.number().int().positive().default(64 * 1024 * 1024),
      max_entry_bytes: z.number().int().positive().default(4 * 1024 * 1024),
    })
    .default({ max_bytes: 64 * 1024 * 1024, max_entry_bytes: 4 * 1024 * 1024 }),
  billing: z
    .strictObject({
      /** Fee recorded on each credit grant: none (self-hosting), OpenRouter's 5.5% with $0.80 minimum, or custom. */
      purchase_fee: z
        .union([z.literal('none'), z.literal('openrouter'), z.strictObject({ percent: z.number().min(0).max(100), minimum_usd: z.number().nonnegative() })])
        .default('none'),
    })
    .default({ purchase_fee: 'none' }),
  providers: z.array(providerConfigSchema).default([]),
  models: z.array(modelConfigSchema).default([]),
  rate_limits: rateLimitsSchema.prefault({}),
  byok: byokSchema.prefault({}),
  /** Alert rules are evaluated on this timer; webhooks are retried after these delays. */
  alerts: z
    .strictObject({
      evaluate_interval_ms: z.number().int().min(50).default(15_000),
      webhook_timeout_ms: z.number().int().positive().default(5_000),
      retry_delays_ms: z.array(z.number().int().nonnegative()).max(10).default([1_000, 5_000, 30_000, 120_000]),
    })
    .prefault({}),
  /** The Batch API (docs/batches.md): where files live, their limits, how hard the gateway drives batches. */
  batch: z
    .strictObject({
      /** Directory of uploaded and produced batch files; default `<data_dir>/files`. */
      files_dir: z.string().min(1).optional(),
      /** Largest upload accepted. */
      max_file_bytes: z.number().int().positive().default(100 * 1024 * 1024),
      /** Most requests (lines) in one batch input file. */
      max_lines: z.number().int().positive().default(50_000),
      /** Requests of one batch run at the same time (gateway-run batches). */
      concurrency: z.number().int().positive().max(64).default(2),
      /** Batch requests running at the same time across all batches on this node, so live traffic is never starved. */
      global_concurrency: z.number().int().positive().max(256).default(4),
      /** An ended batch, its output and error files, and an input file no batch reads, are deleted after this many days. */
      retention_days: z.number().positive().default(30),
      /** How long a node's claim on a batch lasts unless renewed (another node takes over after it lapses). */
      lease_ms: z.number().int().min(100).default(30_000),
      /** How often a node looks for batches to drive. */
      poll_interval_ms: z.number().int().min(10).default(1_000),
      /** How often a batch submitted to a provider's own batch API is polled there. */
      native_poll_interval_ms: z.number().int().min(10).default(30_000),
      /** Retries of a request the upstream answered 429 (after failover), with backoff, before it goes to the error file. */
      upstream_429_retries: z.number().int().nonnegative().max(20).default(4),
    })
    .prefault({}),
  /** OpenTelemetry traces over OTLP/HTTP (off unless an endpoint is set here or in OTEL_EXPORTER_OTLP_ENDPOINT). */
  telemetry: z
    .strictObject({
      /** Collector base URL (traces go to <endpoint>/v1/traces), e.g. http://otel-collector:4318. */
      otlp_endpoint: z.url({ protocol: /^https?$/ }).optional(),
      /** Headers for the collector (e.g. an auth token); values may be env:NAME references. */
      otlp_headers: z.record(z.string(), z.string()).default({}),
      service_name: z.string().min(1).default('switchyard'),
      /** Fraction of requests traced (head sampling by trace id). */
      sample_ratio: z.number().min(0).max(1).default(1),
      /** How often finished spans are sent in batches. */
      export_interval_ms: z.number().int().positive().default(2000),
      /** Distinct provider / model label values in /metrics; later ones are reported as `other`. */
      metrics_max_providers: z.number().int().min(1).max(10_000).default(50),
      metrics_max_models: z.number().int().min(1).max(10_000).default(200),
      /** Generation records to a webhook in signed JSON batches (docs/observability.md); off unless set. */
      generation_export: z
        .strictObject({
          url: z.url({ protocol: /^https?$/ }),
          /** HMAC-SHA256 key of the X-Switchyard-Signature header; may be an env:NAME reference. */
          secret: z.string().min(1),
          /** Share of generations exported, decided by the generation id (the same one always in or out). */
          sample_rate: z.number().min(0).max(1).default(1),
          /** Prompt and completion, only of keys and workspaces that opted into logging, never of ZDR requests. */
          include_content: z.boolean().default(false),
          batch_size: z.number().int().min(1).max(1000).default(100),
          flush_interval_ms: z.number().int().min(10).default(5_000),
          /** Most records waiting; past it the oldest are dropped (counted in switchyard_generation_export_total). */
          max_queue: z.number().int().min(1).default(10_000),
          timeout_ms: z.number().int().positive().default(10_000),
          retry_delays_ms: z.array(z.number().int().nonnegative()).max(10).default([1_000, 5_000, 30_000]),
        })
        .optional(),
    })
    .prefault({}),
}).superRefine((config, context) => {
  config.providers.forEach((provider, index) => {
    // Bedrock's URL follows from its region, so a custom Bedrock provider needs no base_url.
    const urlFromRegion = provider.protocol === 'bedrock';
    if (!provider.base_url && !urlFromRegion && !BUILTIN_PROVIDER_PRESETS.some((preset) => preset.id === provider.id)) {
      context.addIssue({
        code: 'custom',
        path: ['providers', index, 'base_url'],
        message: `required: "${provider.id}" is not a built-in preset, so it needs its base URL`,
      });
    }
  });
});

export type SwitchyardConfig = z.infer<typeof configSchema>;
export type ProviderConfig = z.infer<typeof providerConfigSchema>;
export type AwsConfig = z.infer<typeof awsConfigSchema>;
export type ModelConfig = z.infer<typeof modelConfigSchema>;
export type EndpointConfig = z.infer<typeof endpointConfigSchema>;
export type RateLimitsConfig = z.infer<typeof rateLimitsSchema>;
export type ByokConfig = z.infer<typeof byokSchema>;
export type TimeoutsConfig = z.infer<typeof timeoutsSchema>;
export type DataPolicyConfig = z.infer<typeof dataPolicySchema>;
